"""Render the raster icons from the hand-drawn SVGs in resources/icons.

Run from the repository root after changing an SVG::

    QT_QPA_PLATFORM=offscreen python scripts/make_icons.py

Writes what the app reads at run time into the package (craftdesk/resources/icons): the
app icon as PNGs (16-1024 px), the tray glyph as coloured PNGs and the black macOS
template images. Writes what only the build embeds next to the SVGs: ``craftdesk.ico``
(Windows executables and installer) and ``craftdesk.icns`` (macOS bundle). The ICNS art
follows Apple's icon grid: the tile is 824 of 1024 px, centred, so the app looks the size
of the other apps in the Dock and Finder; the SVG itself fills 960 of its 1024.

Only Qt (QtGui + QtSvg from PySide6-Essentials) is needed; the ICO and ICNS containers
are packed here by hand because Qt writes one image per ICO file and has no ICNS writer.
``--check`` re-reads the containers with Qt's own image plugins.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "resources" / "icons"  # SVG sources; .ico and .icns for the build
PACKAGE_DIR = ROOT / "craftdesk" / "resources" / "icons"  # read by the app at run time

APP_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
# Below 48 px the badge and the claw turn into noise, so those sizes use the bold variant.
SMALL_VARIANT_MAX = 32
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICO entries up to this size are stored as classic 32-bit bitmaps (every Windows tool
# reads those); the large ones as PNG, which Windows has accepted since Vista.
ICO_BMP_MAX = 64
# ICNS element types holding PNG data, by pixel size (Apple's "icp4".."ic14" family).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
TRAY_SIZES = (16, 20, 22, 24, 32, 40, 44, 48, 64)
# Apple's macOS icon grid: the tile is 824 px on a 1024 px canvas. Our SVG's tile spans
# 960 of its 1024 (32 px margin), so it is drawn at 824/960 of the canvas, centred.
MACOS_TILE = 824 / 1024
SVG_TILE = 960 / 1024
# The macOS menu bar is 22 pt high; an 18 pt glyph is the usual size for status items.
TEMPLATE_SIZE = 18


def render(svg: Path, size: int, scale: float = 1.0) -> QImage:
    """The SVG on a transparent ``size`` px canvas, drawn at ``scale`` of it, centred."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot parse {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    side = size * scale
    renderer.render(painter, QRectF((size - side) / 2, (size - side) / 2, side, side))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def as_template(image: QImage) -> QImage:
    """Same shape in pure black, keeping only the alpha (what macOS expects of a template)."""
    mask = QImage(image)
    painter = QPainter(mask)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(mask.rect(), QColor(0, 0, 0))
    painter.end()
    return mask


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def bmp_icon_bytes(image: QImage) -> bytes:
    """An ICO bitmap entry: BITMAPINFOHEADER, BGRA rows bottom-up, then the 1-bit AND mask."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in reversed(range(size)):
        # Format_ARGB32 is stored as native 32-bit words: B, G, R, A on little-endian hosts.
        line = bytes(image.constScanLine(y))[: size * 4]
        if sys.byteorder != "little":
            line = b"".join(line[i : i + 4][::-1] for i in range(0, len(line), 4))
        rows.append(line)
        bits = bytearray(mask_stride)
        for x in range(size):
            if line[x * 4 + 3] == 0:  # fully transparent pixels are masked out
                bits[x // 8] |= 0x80 >> (x % 8)
        mask_rows.append(bytes(bits))
    return header + b"".join(rows) + b"".join(mask_rows)


def pack_ico(images: dict[int, QImage]) -> bytes:
    entries = []
    payloads = []
    offset = 6 + 16 * len(images)
    for size in sorted(images):
        payload = bmp_icon_bytes(images[size]) if size <= ICO_BMP_MAX else png_bytes(images[size])
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(payload), offset))
        payloads.append(payload)
        offset += len(payload)
    return struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(payloads)


def pack_icns(images: dict[int, QImage]) -> bytes:
    encoded = {size: png_bytes(image) for size, image in images.items()}
    body = b"".join(
        kind + struct.pack(">I", 8 + len(encoded[size])) + encoded[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def build(src: Path, out: Path) -> list[Path]:
    big, small, tray = src / "craftdesk.svg", src / "craftdesk-small.svg", src / "tray.svg"
    written: list[Path] = []

    def save(image: QImage, name: str) -> None:
        path = out / name
        path.write_bytes(png_bytes(image))
        written.append(path)

    app: dict[int, QImage] = {}
    mac: dict[int, QImage] = {}
    for size in APP_SIZES:
        svg = small if size <= SMALL_VARIANT_MAX else big
        app[size] = render(svg, size)
        mac[size] = render(svg, size, MACOS_TILE / SVG_TILE)
        save(app[size], f"craftdesk-{size}.png")
    (src / "craftdesk.ico").write_bytes(pack_ico({s: app[s] for s in ICO_SIZES}))
    (src / "craftdesk.icns").write_bytes(pack_icns(mac))
    written += [src / "craftdesk.ico", src / "craftdesk.icns"]

    for size in TRAY_SIZES:
        save(render(tray, size), f"tray-{size}.png")
    save(as_template(render(tray, TEMPLATE_SIZE)), "trayTemplate.png")
    save(as_template(render(tray, TEMPLATE_SIZE * 2)), "trayTemplate@2x.png")
    return written


def check(src: Path) -> list[str]:
    """Problems found when Qt reads the containers back (empty list: all good)."""
    problems = []
    for name, expected in (("craftdesk.ico", set(ICO_SIZES)), ("craftdesk.icns", set(APP_SIZES) - {24, 48})):
        reader = QImageReader(str(src / name))
        sizes = set()
        for index in range(max(reader.imageCount(), 1)):
            reader.jumpToImage(index)
            image = reader.read()
            if image.isNull():
                problems.append(f"{name}: image {index} unreadable ({reader.errorString()})")
                continue
            sizes.add(image.width())
        if not expected <= sizes:
            problems.append(f"{name}: sizes {sorted(sizes)}, expected {sorted(expected)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=SOURCE_DIR, help="folder with the SVGs")
    parser.add_argument("--out", type=Path, default=PACKAGE_DIR, help="folder for the PNGs")
    parser.add_argument("--check", action="store_true", help="only verify the ICO/ICNS files")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (fonts, plugins)
    if not args.check:
        for path in build(args.src, args.out):
            print(f"{path.name}: {path.stat().st_size} bytes")
    problems = check(args.src)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
