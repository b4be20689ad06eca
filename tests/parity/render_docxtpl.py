#!/usr/bin/env python3
"""Render Word templates with Python's docxtpl, for the parity test.

Usage: render_docxtpl.py TEMPLATE.docx CONTEXT.json OUT.docx [TEMPLATE CONTEXT OUT ...]

Rendered with autoescape=True: soket always XML-escapes values, while docxtpl
leaves that to the caller unless asked (its issue #461), so this is the
docxtpl setting that can be compared. Exits 1 with the error on stderr when
a template fails to render.
"""
import json
import sys

from docxtpl import DocxTemplate


def main(args):
    if len(args) == 0 or len(args) % 3 != 0:
        print(__doc__, file=sys.stderr)
        return 2
    for i in range(0, len(args), 3):
        template, context, out = args[i : i + 3]
        with open(context, encoding="utf-8") as f:
            ctx = json.load(f)
        doc = DocxTemplate(template)
        try:
            doc.render(ctx, autoescape=True)
        except Exception as e:  # report which template failed, then stop
            print(f"{template}: {type(e).__name__}: {e}", file=sys.stderr)
            return 1
        doc.save(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
