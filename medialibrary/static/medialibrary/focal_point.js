// The focal point picker: a click on the preview sets the focal point fields (0–1 from the left and top).
// A file, not an inline script, so the admin's Content-Security-Policy stays as it is.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const picker of document.querySelectorAll(".focal-picker")) {
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-marker");
    const inputX = document.getElementById(picker.dataset.focalX);
    const inputY = document.getElementById(picker.dataset.focalY);
    if (!image || !marker || !inputX || !inputY) continue;
    const place = () => {
      marker.style.left = `${(parseFloat(inputX.value) || 0.5) * 100}%`;
      marker.style.top = `${(parseFloat(inputY.value) || 0.5) * 100}%`;
    };
    image.addEventListener("click", (event) => {
      const box = image.getBoundingClientRect();
      const round = (value) => Math.min(1, Math.max(0, value)).toFixed(3);
      inputX.value = round((event.clientX - box.left) / box.width);
      inputY.value = round((event.clientY - box.top) / box.height);
      place();
    });
    inputX.addEventListener("input", place);
    inputY.addEventListener("input", place);
    place();
  }
});
