#!/usr/bin/env python3
"""Validates an XML file against an XSD with xmlschema.

Usage: validate.py SCHEMA.xsd FILE.xml
Exit status: 0 valid, 1 invalid (each error printed), 3 xmlschema is not installed.
"""

import sys

try:
    import xmlschema
except ImportError:
    print("the Python package xmlschema is not installed "
          "(pip install -r tests/junit/requirements.txt)", file=sys.stderr)
    sys.exit(3)


def main() -> int:
    schema = xmlschema.XMLSchema(sys.argv[1])
    errors = list(schema.iter_errors(sys.argv[2]))
    for e in errors:
        print(f"{sys.argv[2]}: {e.path}: {e.reason}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
