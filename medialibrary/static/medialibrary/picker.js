// The media library's picker window (medialibrary/admin.py ImageAdmin.picker_view). The rich-text
// editor (django-prose-editor's figure dialog) opens it with ?CKEditorFuncNum=N and waits for the
// CKEditor file-browser callback, which hands over the picture's URL and its alt text. N is
// negative (-1, -2...): the editor counts its own numbers down, apart from a real CKEditor's.
document.addEventListener("click", (event) => {
  const choice = event.target.closest(".image-picker-choice");
  if (!choice || choice.disabled) return;
  const opener = window.opener;
  const tools = opener && opener.CKEDITOR && opener.CKEDITOR.tools;
  if (!tools || typeof tools.callFunction !== "function") return;
  tools.callFunction(Number(choice.dataset.callback), choice.dataset.url, {
    id: choice.dataset.id,
    alternative_text: choice.dataset.alt,
  });
  window.close();
});
