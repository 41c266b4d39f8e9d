"""OCR speed: pages a second that ``ingest.ocr`` reads (pypdfium2 renders at 300 dpi, Tesseract
``vie`` reads), against the baseline of reading the same pages' text layer with pypdf, in the
same run. Wall time and CPU time (this process and its Tesseract children) are both printed:
on a shared machine the CPU time is the steadier figure.

    python benchmarks/bench_ocr.py [PDF ...] [--pages N]

Without PDFs it scans the first ``--pages`` pages of a gazette text itself (DejaVu font, image
only, as tests/test_ocr.py does) from ../shared/corpus.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.ocr import DEFAULT_OCR  # noqa: E402

GAZETTE = (
    Path(__file__).resolve().parents[2]
    / "shared/corpus/gazette/bhxh/nghi-dinh-so-212-2025-nd-cp-45740.txt"
)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def scanned_gazette(pages: int, folder: Path) -> Path:
    """The first ``pages`` pages of a gazette text, drawn on A4 at 300 dpi, image only."""
    from PIL import Image, ImageDraw, ImageFont

    text = GAZETTE.read_text("utf-8")
    font = ImageFont.truetype(FONT, 36)
    images = []
    for page in text.split("CÔNG BÁO/Số")[1 : pages + 1]:
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        for n, line in enumerate(lines[:58]):
            draw.text((160, 160 + 56 * n), line, font=font, fill=0)
        images.append(image)
    path = folder / "scan.pdf"
    images[0].save(path, "PDF", resolution=300, save_all=True, append_images=images[1:])
    return path


def cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def text_layer(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    for page in pages:
        page.extract_text()
    return len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=4)
    args = parser.parse_args()
    if (problem := DEFAULT_OCR.problem()) is not None:
        sys.exit(problem)
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = args.pdfs or [scanned_gazette(args.pages, Path(tmp))]
        datas = [p.read_bytes() for p in pdfs]
        t0, c0 = time.perf_counter(), cpu()
        pages = sum(text_layer(d) for d in datas)
        base_wall, base_cpu = time.perf_counter() - t0, cpu() - c0
        t0, c0 = time.perf_counter(), cpu()
        for data in datas:
            n = text_layer(data)
            DEFAULT_OCR.read_pdf_pages(data, list(range(1, n + 1)))
        wall, used = time.perf_counter() - t0, cpu() - c0
    print(f"{len(pdfs)} PDF(s), {pages} pages, {DEFAULT_OCR.engine}, {DEFAULT_OCR.dpi} dpi")
    print(f"OCR:        {pages / wall:.3f} pages/s wall, {pages / used:.3f} pages/s CPU")
    print(f"text layer: {pages / base_wall:.1f} pages/s wall, {pages / base_cpu:.1f} pages/s CPU")
    print(f"ratio: OCR costs {used / base_cpu:.0f}x the CPU of reading a text layer")


if __name__ == "__main__":
    main()
