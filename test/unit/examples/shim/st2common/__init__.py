"""Test-only stand-in for the parts of StackStorm's st2common that example actions import."""
