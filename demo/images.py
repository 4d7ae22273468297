"""Simple generated illustrations for the demo: a solid background with two circles
joined by a band, a nod to the twin cities across the gulf. Drawing is
deterministic, so the same spec always gives the same picture."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw

SIZE = (1200, 675)


@dataclass(frozen=True)
class Illustration:
    name: str
    background: str
    accent: str
    highlight: str


def draw(spec: Illustration) -> bytes:
    width, height = SIZE
    image = Image.new("RGB", SIZE, spec.background)
    pen = ImageDraw.Draw(image)
    # The gulf: a band of horizontal stripes across the middle.
    for row in range(6):
        top = height // 2 - 60 + row * 22
        pen.rectangle((0, top, width, top + 8), fill=spec.highlight)
    # The bridge is drawn first so the circles sit on top of its ends.
    pen.line((width * 3 // 10, height * 2 // 5, width * 7 // 10, height * 3 // 5), fill=spec.highlight, width=14)
    radius = 150
    for centre_x, centre_y in ((width * 3 // 10, height * 2 // 5), (width * 7 // 10, height * 3 // 5)):
        pen.ellipse(
            (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
            fill=spec.accent, outline=spec.highlight, width=12,
        )
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
