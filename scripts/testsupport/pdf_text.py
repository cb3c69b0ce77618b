"""Prints a PDF's page count and the text of each page, extracted by pypdf (an independent reader)."""
import sys

from pypdf import PdfReader

reader = PdfReader(sys.argv[1])
print(f"pages={len(reader.pages)}")
for page in reader.pages:
    print(page.extract_text())
