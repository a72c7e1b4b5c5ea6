import numpy as np

from headcount.vision.track import Tracker, iou_matrix


def test_iou_matrix_known_values() -> None:
    a = np.array([[0, 0, 10, 10]], dtype=np.float32)
    b = np.array([[0, 0, 10, 10], [5, 0, 15, 10], [20, 20, 30, 30]], dtype=np.float32)
    got = iou_matrix(a, b)
    assert got.shape == (1, 3)
    np.testing.assert_allclose(got[0], [1.0, 50 / 150, 0.0], rtol=1e-6)
    assert iou_matrix(a, np.zeros((0, 4), np.float32)).shape == (1, 0)


def test_tracker_keeps_identity_and_reuses_descriptor() -> None:
    tr = Tracker(refresh_frames=3, max_missed=2)
    t1 = tr.update(np.array([[10, 10, 50, 50]]))[0]
    assert tr.needs_descriptor(t1)
    tr.set_descriptor(t1, np.ones(128, np.float32))
    t2 = tr.update(np.array([[12, 11, 52, 51]]))[0]
    assert t2.track_id == t1.track_id
    assert not tr.needs_descriptor(t2)
    tr.update(np.array([[12, 11, 52, 51]]))
    t4 = tr.update(np.array([[12, 11, 52, 51]]))[0]
    assert tr.needs_descriptor(t4), "descriptor must be refreshed after refresh_frames"


def test_tracker_new_face_new_track_and_drops_lost_ones() -> None:
    tr = Tracker(max_missed=1)
    a = tr.update(np.array([[0, 0, 20, 20]]))[0]
    b, c = tr.update(np.array([[0, 0, 20, 20], [100, 100, 140, 140]]))
    assert b.track_id == a.track_id and c.track_id != a.track_id
    tr.update(np.zeros((0, 4)))
    tr.update(np.zeros((0, 4)))
    assert tr.tracks == []
