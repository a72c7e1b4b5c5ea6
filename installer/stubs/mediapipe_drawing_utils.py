"""Stand-in for mediapipe.tasks.python.vision.drawing_utils in the Headcount bundle.

The real module imports matplotlib (tens of MB) for plotting helpers that Headcount
never calls; mediapipe's vision package imports it eagerly, and drawing_styles reads
DrawingSpec and the colours at import time. This stub keeps those (same values as
mediapipe 1.2.3) and says plainly that the drawing functions are not in the bundle.
"""

import dataclasses

WHITE_COLOR = (224, 224, 224)
BLACK_COLOR = (0, 0, 0)
RED_COLOR = (0, 0, 255)
GREEN_COLOR = (0, 128, 0)
BLUE_COLOR = (255, 0, 0)


@dataclasses.dataclass
class DrawingSpec:
    color: tuple = WHITE_COLOR
    thickness: int = 2
    circle_radius: int = 2


def __getattr__(name):
    raise ImportError(
        f"mediapipe drawing_utils.{name} is not part of the Headcount bundle "
        "(it needs matplotlib)"
    )
