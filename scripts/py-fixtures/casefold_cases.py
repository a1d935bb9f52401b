"""Records Python's str.casefold() for test/unit/stdlib/casefold-python.json:
every character it changes, and the cased characters it leaves alone although
their uppercase lowers to another character (dotless i, Cherokee capitals), as
[code point, folded text].
Run: python3 scripts/py-fixtures/casefold_cases.py > test/unit/stdlib/casefold-python.json
"""
import json
import sys
import unicodedata

cases = []
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    folded = c.casefold()
    if folded != c:
        cases.append([cp, folded])
# cased characters that fold to themselves although their uppercase lowers to another character
for cp in [0x131, *range(0x13A0, 0x13F6)]:
    if [cp, chr(cp).casefold()] not in cases:
        cases.append([cp, chr(cp).casefold()])
cases.sort()
print("{")
print('  "about": "str.casefold() by Python %s (Unicode %s): [code point, folded]",' % (".".join(map(str, sys.version_info[:3])), unicodedata.unidata_version))
print('  "cases": [')
print(",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in cases))
print("  ]")
print("}")
