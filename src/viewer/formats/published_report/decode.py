"""The bytes of a published report as text: which kind it is (PDF, web page, text) by its content, and
its encoding (UTF-8, UTF-16 from Windows, a charset the page declares, or Windows-1252)."""

from __future__ import annotations

import re

from viewer.formats.errors import READS, NotInspectorateTextError, ReportImportError

_HTML_TAGS = re.compile(r"<(?:p|div|h[1-6]|li|ul|ol|td|tr|table|br|span|a|section|article|body|head|meta)\b",
                        re.IGNORECASE)
_CHARSET = re.compile(rb"charset=[\"']?([A-Za-z0-9_-]{1,40})", re.IGNORECASE)


def _is_binary(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text (Windows "Unicode" text files)
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return b"\x00" in sample or controls > len(sample) // 100


def decode_report(data: bytes, source: str) -> tuple[str, list[str]]:
    """The file's text and any warning about its encoding; binary data raises ReportImportError."""
    if not data.strip():
        raise ReportImportError(source, "the file is empty")
    if _is_binary(data):
        raise NotInspectorateTextError(source, f"this is not a report, web page or press release of HM Inspectorate of "
                                               f"Probation: it is binary data, not text, a web page or a PDF. The "
                                               f"viewer reads {READS}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise ReportImportError(source, "the file starts like UTF-16 text but cannot be decoded") from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["cp1252", "latin-1"]:
        try:
            return data.decode(encoding), [f"the file is not UTF-8; read as {encoding}"]
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReportImportError(source, "the file's text encoding cannot be read")  # latin-1 never fails


def sniff_kind(data: bytes, suffix: str) -> str:
    """"pdf", "html" or "text", by content first: a .pdf that is text is text, a .txt that is HTML is HTML."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:65536].decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")) or (head.startswith("<?xml") and "<html" in head[:2048]):
        return "html"
    tags = len(_HTML_TAGS.findall(head))
    return "html" if tags >= 10 or (suffix.lower() in (".html", ".htm", ".xhtml") and tags >= 1) else "text"


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes of a file are an HTML page (a browser's "save page")."""
    return sniff_kind(head, "") == "html"
