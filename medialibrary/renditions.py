"""Making one rendition: a focal-point crop (or a fit) resized with Pillow, never upscaled."""

from __future__ import annotations

from io import BytesIO

from PIL import Image as PILImage
from PIL import ImageOps

from .specs import JPEG, PNG, WEBP, Spec


def crop_box(size: tuple[int, int], ratio: float, focal: tuple[float, float]) -> tuple[int, int, int, int]:
    """The largest box of aspect ``ratio`` inside ``size``, centred on the focal point as far as the edges allow."""
    width, height = size
    if width / height > ratio:
        crop_width, crop_height = round(height * ratio), height
    else:
        crop_width, crop_height = width, round(width / ratio)
    left = min(max(round(focal[0] * width - crop_width / 2), 0), width - crop_width)
    top = min(max(round(focal[1] * height - crop_height / 2), 0), height - crop_height)
    return left, top, left + crop_width, top + crop_height


def render(source, spec: Spec, scale: int, image_format: str, focal: tuple[float, float]) -> tuple[bytes, int, int]:
    """The encoded rendition and its size."""
    target_width, target_height = spec.box(scale)
    with PILImage.open(source) as original:
        picture = ImageOps.exif_transpose(original)
        keep_alpha = image_format in (WEBP, PNG)
        has_alpha = picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)
        picture = picture.convert("RGBA" if keep_alpha and has_alpha else "RGB")
        if spec.crop and target_height:
            picture = picture.crop(crop_box(picture.size, target_width / target_height, focal))
            # Never upscale: a small original gives a smaller rendition of the same shape.
            factor = min(1.0, target_width / picture.width)
        else:
            factor = min(1.0, target_width / picture.width, (target_height or picture.height) / picture.height)
        size = (max(1, round(picture.width * factor)), max(1, round(picture.height * factor)))
        if size != picture.size:
            picture = picture.resize(size, PILImage.Resampling.LANCZOS)
        buffer = BytesIO()
        if image_format == WEBP:
            picture.save(buffer, format="WEBP", quality=80, method=4)
        elif image_format == JPEG:
            picture.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
        else:
            picture.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue(), picture.width, picture.height
