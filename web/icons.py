"""Draws the web client's app icons (PWA manifest, home screen): GOV.GR blue with «ΤΠΕ» in white,
the text inside the central safe zone so that the same picture serves as a maskable icon.
Run once after changing the design: `python web/icons.py`; the PNGs are committed."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).parent / "src" / "web_client" / "static" / "icons"
BLUE, WHITE = (0, 52, 118), (255, 255, 255)  # the design system's primary colour
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"  # Debian's fonts-dejavu-core
SIZES = (192, 512)


def draw(size: int) -> Image.Image:
    image = Image.new("RGB", (size, size), BLUE)
    pen = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size // 4)
    pen.text((size / 2, size / 2), "ΤΠΕ", font=font, fill=WHITE, anchor="mm")
    bar = size // 40  # a thin rule under the text, as the GOV.GR header's
    pen.rectangle([size * 0.3, size * 0.66, size * 0.7, size * 0.66 + bar], fill=WHITE)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw(size).save(OUT / f"icon-{size}.png", optimize=True)
        print(OUT / f"icon-{size}.png")


if __name__ == "__main__":
    main()
