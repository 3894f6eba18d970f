"""Lesson 09's explorer: pick a test image, see what the trained network thinks it is.

The network is lesson 09's model, trained once per Python process with the lesson's seed
(`ann_helpers.digits.trained_model`, cached), so the explorer depends on its slider alone. Its
class probabilities for every test image are computed once when the explorer is built; a slider
move only swaps the image's pixels and the ten bar heights.
"""

from __future__ import annotations

import numpy as np

from .. import digits, plotting
from ..widgets import Explorer, int_slider

RIGHT = "#2e933c"
WRONG = plotting.COLORS["path"]


class DigitsExplorer(Explorer):
    """A slider over the test images; the image and a bar chart of its ten probabilities."""

    name = "digits"

    def make_controls(self):
        self.split = digits.load_split()
        n_test = len(self.split.y_test)
        return {"index": int_slider("test image", 0, 0, n_test - 1)}

    def make_figure(self):
        trained = digits.trained_model()
        self.P = digits.probabilities(trained.model, self.split.X_test)
        self.predicted = np.argmax(self.P, axis=1)
        fig, (self.ax_img, self.ax_bar) = plotting.new_figure(2, size=(6.4, 2.6))
        self.ax_img.get_gridspec().set_width_ratios([1, 2.6])
        self.image = digits.draw_digit(self.ax_img, np.zeros(digits.SIDE ** 2), "")
        self.bars = self.ax_bar.bar(range(digits.N_CLASSES), np.zeros(digits.N_CLASSES),
                                    color=plotting.COLORS["muted"])
        # few tick labels: drawing text is most of the cost of a redraw
        self.ax_bar.set_xticks(range(digits.N_CLASSES))
        self.ax_bar.set_yticks([0.0, 0.5, 1.0])
        self.ax_bar.set_ylim(0, 1.0)
        self.ax_bar.set_ylabel("probability")
        self.ax_bar.grid(axis="x", visible=False)
        self.bar_title = self.ax_bar.set_title("predicted 0 (p = 0.000), true 0 has p = 0.000")
        return fig  # (the Explorer base class lays it out once, then freezes that layout)

    def update(self, index):
        true, pred = int(self.split.y_test[index]), int(self.predicted[index])
        p = self.P[index]
        self.image.set_data(self.split.X_test[index].reshape(digits.SIDE, digits.SIDE))
        self.ax_img.set_title(f"true label {true}", fontsize=9)
        right = pred == true
        for k, bar in enumerate(self.bars):
            bar.set_height(p[k])
            bar.set_color(RIGHT if k == true else (WRONG if k == pred else
                                                   plotting.COLORS["muted"]))
        self.bar_title.set_text(f"predicted {pred} (p = {p[pred]:.3f})"
                                + ("" if right else f", true {true} has p = {p[true]:.3f}"))
        verdict = "right" if right else "WRONG"
        return (f"test image {index}: true {true}, predicted {pred} with probability "
                f"{p[pred]:.3f} ({verdict}); runner-up {np.argsort(p)[-2]} "
                f"with {np.sort(p)[-2]:.3f}")
