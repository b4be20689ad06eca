#!/usr/bin/env python3
"""Regenerate data/units-2025.csv: Vietnam's 34 provinces and 3,321
communes, wards and special zones as of 1 July 2025.

Source: the PyPI package `vietnamadminunits` 1.0.4 (MIT licence,
Copyright (c) 2025 Tran Ngoc Minh Hieu; its licence is kept in
data/units-2025.LICENSE), table `admin_units` of its
`vietnamadminunits/data/dataset.db`.

    python3 tools/gen_units_2025.py

downloads the wheel with pip into a temporary folder (nothing is
installed), reads the table, applies the ERRATA below and writes the csv
sorted by province code and commune code, UTF-8 (NFC), one unit a line.
"""

import csv
import glob
import os
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PACKAGE = "vietnamadminunits==1.0.4"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "units-2025.csv")
LICENCE = os.path.join(HERE, "..", "data", "units-2025.LICENSE")

# Where the package (1.0.4, its latest) differs from the 1 July 2025 list
# the project checks against (the Government's codes and names of the
# 3,321 units): (province code, package's code, package's name) ->
# (code, name). Both were found by comparing every province's units.
ERRATA = {
    # The new commune of Ba Chẽ district's former town and communes.
    ("22", "06970", "Xã Ba Chẽ"): ("06978", "Xã Ba Chẽ"),
    # Phó Bảng (Đồng Văn, former Hà Giang), misspelt "Phố Bảng".
    ("08", "00745", "Xã Phố Bảng"): ("00745", "Xã Phó Bảng"),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE],
            check=True,
        )
        (wheel,) = glob.glob(os.path.join(tmp, "*.whl"))
        with zipfile.ZipFile(wheel) as z:
            z.extract("vietnamadminunits/data/dataset.db", tmp)
            lic = [n for n in z.namelist() if n.endswith("licenses/LICENSE")]
            with open(LICENCE, "wb") as f:
                f.write(z.read(lic[0]))
        db = sqlite3.connect(os.path.join(tmp, "vietnamadminunits/data/dataset.db"))
        rows = db.execute(
            "select provinceCode, province, wardCode, ward from admin_units"
        ).fetchall()
        db.close()
    nfc = lambda s: unicodedata.normalize("NFC", s.strip())
    rows = [(nfc(a), nfc(b), nfc(c), nfc(d)) for a, b, c, d in rows]
    fixed = 0
    for i, (a, b, c, d) in enumerate(rows):
        if (a, c, d) in ERRATA:
            c, d = ERRATA[(a, c, d)]
            rows[i] = (a, b, c, d)
            fixed += 1
    assert fixed == len(ERRATA), "an erratum no longer matches: check the package's data"
    rows = sorted(rows)
    provinces = {r[0] for r in rows}
    assert len(provinces) == 34 and len(rows) == 3321, (len(provinces), len(rows))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ma_tinh", "tinh", "ma_xa", "xa"])
        w.writerows(rows)
    print(f"{len(rows)} units of {len(provinces)} provinces -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
