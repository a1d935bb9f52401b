"""Records Python's repr() of doubles for test/unit/stdlib/float-repr-python.json.

Values: the neighbours of the thresholds where repr() changes notation, random
bit patterns, random magnitudes and whole numbers around 2**53.
Run: python3 scripts/py-fixtures/float_repr_cases.py > test/unit/stdlib/float-repr-python.json
"""
import json
import math
import random
import struct

random.seed(20261128)
values = []


def add(x):
    if math.isfinite(x):
        values.extend([x, -x])


for boundary in [1e-4, 1e16, 1e-5, 1e15, 1e21, 1e-7, 1e-6, 1.0, 0.5, 10.0]:
    up = down = boundary
    add(boundary)
    for _ in range(4):
        up = math.nextafter(up, math.inf)
        down = math.nextafter(down, 0.0)
        add(up)
        add(down)
for _ in range(1500):
    add(struct.unpack("<d", struct.pack("<Q", random.getrandbits(64)))[0])
for _ in range(1500):
    add(random.uniform(0, 1) * 10 ** random.randint(-8, 20))
for _ in range(500):
    add(float(random.randint(0, 10**17)))

cases = [[struct.pack(">d", x).hex(), repr(x)] for x in values]
print("{")
print('  "about": "repr() of doubles by Python %s; each case: IEEE-754 bits (hex, big-endian), repr",' % ".".join(map(str, __import__("sys").version_info[:3])))
print('  "cases": [')
print(",\n".join("    " + json.dumps(c) for c in cases))
print("  ]")
print("}")
