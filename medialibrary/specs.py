"""The rendition sizes the templates ask for. Each spec is made at 1x and 2x, in WebP and in a
JPEG (photos) or PNG (transparency) fallback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    name: str
    width: int
    # None: the height follows the image (no crop).
    height: int | None = None
    # True: cropped to exactly width×height around the focal point; False: fitted inside the box.
    crop: bool = True

    def box(self, scale: int) -> tuple[int, int | None]:
        return self.width * scale, (self.height * scale if self.height else None)


SPECS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        Spec("card", 480, 270),
        Spec("detail", 960, 540),
        Spec("avatar", 96, 96),
        Spec("logo", 240, 120, crop=False),
        Spec("thumbnail", 160, None, crop=False),
        # A picture in a rich-text body (the editor's figure): the text column's width, uncropped.
        Spec("body", 960, None, crop=False),
    )
}
SCALES = (1, 2)
WEBP = "webp"
JPEG = "jpeg"
PNG = "png"
FORMATS = (WEBP, JPEG, PNG)
