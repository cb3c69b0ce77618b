"""Renders a PDF's pages (pdfium, as a viewer would) and prints every QR code found on them, one
per line, decoded by zxing-cpp (an independent reader). With --png DIR, also writes each page as
DIR/page-N.png."""
import sys
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp

args = sys.argv[1:]
png_dir = None
if "--png" in args:
    i = args.index("--png")
    png_dir = Path(args[i + 1])
    del args[i : i + 2]
pdf = pdfium.PdfDocument(args[0])
for n, page in enumerate(pdf, start=1):
    image = page.render(scale=200 / 72).to_pil()
    if png_dir:
        png_dir.mkdir(parents=True, exist_ok=True)
        image.save(png_dir / f"page-{n}.png")
    for code in zxingcpp.read_barcodes(image):
        if code.format == zxingcpp.BarcodeFormat.QRCode:
            print(code.text)
