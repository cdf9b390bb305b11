"""Notebook 06: the digits data, its experiments and every number the notebook's text states, and its figures."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import perceptron, sigmoid
from helpers.figures.digits import (
    ImageInputsView,
    a_digit,
    figure_with_widths,
    log_spaced_epochs,
    mosaic,
    pixel_mesh,
    plot_digit_grid,
    plot_image_and_inputs,
    plot_weight_images,
)
from helpers.figures.digits_classes import plot_confident_mistakes, plot_confusion_matrix
from helpers.figures.digits_experiments import (
    DecayCurvesView,
    NudgeView,
    TrainTestView,
    loss_range,
    plot_decay_choice,
    plot_learning_curve,
    plot_nudge,
    plot_reliability_with_counts,
    plot_train_test_curves,
    plot_weight_growth,
)
from helpers.figures.style import new_figure
from helpers.maths.digits import (
    EVEN,
    ODD,
    as_image,
    binary_task,
    digits_csv_path,
    examples_of_each_digit,
    load_digits,
    read_digits,
    scale_pixels,
    split_indices,
)
from helpers.maths.digits_binary import (
    NOTEBOOK_DECAYS,
    NOTEBOOK_REMEDY_SIZE,
    choose_stopping_epoch,
    choose_weight_decay,
    even_odd_decay_choice,
    even_odd_size_runs,
    even_odd_task,
    fix_one_image,
    loss_and_accuracy,
    nested_subsets,
    score,
    smaller_training_set,
    training_size_experiment,
    weight_growth_run,
)
from helpers.maths.digits_classes import (
    OneVersusRest,
    compare_with_network,
    confusion_matrix,
    most_confident_mistakes,
    one_hot,
    train_one_versus_rest,
)
from helpers.maths.perceptron import fix_one_example, train_perceptron
from helpers.maths.training import train_sigmoid_neuron

# --- the data -----------------------------------------------------------------------------------------------------


def test_the_csv_reader_gives_exactly_what_scikit_learn_gives():
    from sklearn.datasets import load_digits as sklearn_load_digits

    reference = sklearn_load_digits()
    counts, labels = read_digits()
    np.testing.assert_array_equal(counts, reference.data)
    np.testing.assert_array_equal(labels, reference.target)
    np.testing.assert_array_equal(counts.reshape(-1, 8, 8), reference.images)


def test_reading_the_digits_does_not_import_scikit_learn():
    code = "import sys; from helpers.maths.digits import read_digits; read_digits(); print('sklearn' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert digits_csv_path().name == "digits.csv.gz"


def test_the_data_set_has_1797_images_of_64_pixels_about_180_per_digit():
    counts, labels = read_digits()
    assert counts.shape == (1797, 64) and labels.shape == (1797,)
    assert set(np.unique(counts)) <= set(range(17))
    assert np.all((np.bincount(labels) >= 174) & (np.bincount(labels) <= 183))


def test_examples_of_each_digit_come_row_by_row():
    labels = np.array([1, 0, 1, 0, 2, 2, 0])
    np.testing.assert_array_equal(examples_of_each_digit(labels, per_digit=2), [1, 0, 4, 3, 2, 5])
    with pytest.raises(ValueError, match="fewer than 3"):
        examples_of_each_digit(labels, per_digit=3)


def test_scale_pixels_maps_ink_counts_to_the_unit_interval():
    np.testing.assert_allclose(scale_pixels([0, 4, 8, 16]), [0.0, 0.25, 0.5, 1.0])
    for bad in ([17], [-1]):
        with pytest.raises(ValueError, match="ink counts run from 0 to 16"):
            scale_pixels(bad)


def test_as_image_reads_the_vector_row_by_row():
    x = np.arange(64.0)
    image = as_image(x)
    assert image[0, 7] == 7 and image[1, 0] == 8 and image[7, 7] == 63
    with pytest.raises(ValueError, match="64 pixels"):
        as_image(np.zeros(63))


def test_split_is_disjoint_complete_stratified_and_seeded():
    _, labels = read_digits()
    split = split_indices(labels, seed=0)
    everything = np.concatenate([split.train, split.validation, split.test])
    assert np.array_equal(np.sort(everything), np.arange(labels.size))
    for digit in range(10):
        count = np.sum(labels == digit)
        for part, share in ((split.train, 0.6), (split.validation, 0.2), (split.test, 0.2)):
            assert abs(np.sum(labels[part] == digit) - share * count) <= 1
    again = split_indices(labels, seed=0)
    assert np.array_equal(again.test, split.test)
    assert not np.array_equal(split_indices(labels, seed=1).test, split.test)
    assert not np.all(np.diff(labels[split.train]) >= 0), "each part is shuffled, not listed digit by digit"
    with pytest.raises(ValueError, match="add up to 1"):
        split_indices(labels, fractions=(0.5, 0.2, 0.2))


def test_load_digits_is_scaled_read_only_and_split_60_20_20():
    digits = load_digits()
    assert digits.X.shape == (1797, 64) and 0.0 == digits.X.min() and digits.X.max() == 1.0
    assert [len(digits.split.train), len(digits.split.validation), len(digits.split.test)] == [1078, 360, 359]
    with pytest.raises(ValueError, match="read-only"):
        digits.X[0, 0] = 1.0
    X_test, labels_test = digits.part("test")
    assert X_test.shape == (359, 64) and labels_test.shape == (359,)
    with pytest.raises(ValueError, match="the parts are"):
        digits.part("holdout")


def test_binary_task_labels_one_digit_or_a_group():
    digits = load_digits()
    task = binary_task(digits, 1, 2)
    assert task.name == "1 versus 2" and task.negative == (1,) and task.positive == (2,)
    _, labels = digits.part("train")
    assert task.y_train.sum() == np.sum(labels == 2) and len(task.y_train) == np.sum((labels == 1) | (labels == 2))
    odd = binary_task(digits, EVEN, ODD, "even versus odd")
    assert len(odd.y_test) == 359 and odd.y_test.sum() == np.sum(digits.part("test")[1] % 2 == 1)
    with pytest.raises(ValueError, match="both sides"):
        binary_task(digits, (1, 2), 2)
    with pytest.raises(ValueError, match="one digit 0-9"):
        binary_task(digits, 1, 10)


def test_loss_and_accuracy_follow_the_definitions():
    task = binary_task(load_digits(), 1, 2)
    history = train_sigmoid_neuron(task.X_train, task.y_train, epochs=5, lr=0.5)
    loss, accuracy = loss_and_accuracy(history, task.X_test, task.y_test)
    for epoch in range(6):
        a = sigmoid(task.X_test @ history.w[epoch] + history.b[epoch])
        y = task.y_test
        assert loss[epoch] == pytest.approx(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)), rel=1e-9)
        assert accuracy[epoch] == pytest.approx(np.mean((a > 0.5) == (y == 1)))


# --- D2: fix one image, break others --------------------------------------------------------------------------------


def test_fix_one_image_by_hand():
    X = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    y = np.array([1.0, 0.0, 0.0])
    w, b = np.array([-1.0, 0.0]), 0.0  # image 0 (label 1) gets z = -1: wrong
    nudge = fix_one_image(X, y, w, b, 0, etas=[0.0, 0.4, 0.6, 1.0])
    np.testing.assert_array_equal(nudge.after[0], nudge.before)
    # The step adds eta (x_0, 1): z_0 = -1 + 2 eta, z_1 = -0.9 + 1.9 eta, z_2 = eta.
    assert nudge.fixed_from() == 0.6
    np.testing.assert_array_equal(nudge.after[1], [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(nudge.broken(1), [2])
    np.testing.assert_array_equal(nudge.broken(3), [1, 2])
    assert nudge.repaired(3).size == 0
    full_w, full_b = fix_one_example(X, y, w, b, 0, 1.0)
    np.testing.assert_array_equal(nudge.after[3], perceptron(X, full_w, full_b))


@pytest.fixture(scope="module")
def ones_twos():
    return binary_task(load_digits(), 1, 2)


def test_the_notebooks_fix_one_image_story(ones_twos):
    """D2 as the notebook tells it: after one epoch two 1s are called 2; the rule's step for the first breaks 41."""
    assert len(ones_twos.y_train) == 215 and len(ones_twos.y_test) == 71
    history = train_perceptron(ones_twos.X_train, ones_twos.y_train, epochs=10)
    assert history.mistakes[:3].tolist() == [106, 2, 0]
    w, b = history.w[1], history.b[1]
    wrong = np.flatnonzero(perceptron(ones_twos.X_train, w, b) != ones_twos.y_train)
    assert wrong.size == 2 and np.all(ones_twos.y_train[wrong] == 0)
    nudge = fix_one_image(ones_twos.X_train, ones_twos.y_train, w, b, wrong[0])
    assert nudge.fixed_from() == pytest.approx(0.09)
    assert nudge.broken(-1).size == 41 and nudge.repaired(-1).size == 1
    assert np.all(ones_twos.y_train[nudge.broken(-1)] == 1), "every image it breaks is a 2"
    assert nudge.broken(9).size == 0, "a small step fixes it and breaks nothing"


def test_the_sigmoid_neuron_learns_one_versus_two(ones_twos):
    history = train_sigmoid_neuron(ones_twos.X_train, ones_twos.y_train, epochs=500, lr=0.5)
    assert history.accuracy[-1] == 1.0
    assert score(history.w[-1], history.b[-1], ones_twos.X_test, ones_twos.y_test).accuracy == 1.0


# --- D4: training-set size ----------------------------------------------------------------------------------------


def test_nested_subsets_are_balanced_and_nested():
    y = np.array([0.0] * 30 + [1.0] * 20)
    subsets = nested_subsets(y, (4, 10, 40, 50), seed=3)
    for size, indices in subsets.items():
        assert indices.size == size
        if size < 50:
            assert y[indices].sum() == size // 2
    assert set(subsets[4]) <= set(subsets[10]) <= set(subsets[40])
    for bad in (5, 42):
        with pytest.raises(ValueError, match="even size"):
            nested_subsets(y, (bad,))


@pytest.fixture(scope="module")
def even_odd():
    return even_odd_task(load_digits())


@pytest.fixture(scope="module")
def size_runs():
    return even_odd_size_runs(load_digits())


def test_even_odd_task_labels_the_odd_digits_1(even_odd):
    _, labels = load_digits().part("train")
    np.testing.assert_array_equal(even_odd.y_train, labels % 2)
    assert even_odd.name == "even versus odd" and even_odd.X_train.shape == (1078, 64)


def test_even_odd_size_runs_are_section_4s_experiment(even_odd, size_runs):
    """The notebook's sizes, then all the images; each run as built by hand with 2,000 epochs at eta = 0.5."""
    assert list(size_runs) == [10, 20, 40, 80, 160, 1078]
    by_hand = training_size_experiment(even_odd, (40,), epochs=2_000, lr=0.5)[40]
    np.testing.assert_array_equal(size_runs[40].test_loss, by_hand.test_loss)
    np.testing.assert_array_equal(size_runs[40].history.w, by_hand.history.w)
    alone = even_odd_size_runs(load_digits(), (10,))
    assert list(alone) == [10]
    np.testing.assert_array_equal(alone[10].history.w, size_runs[10].history.w)  # a run does not depend on the others


def test_few_training_images_overfit(size_runs):
    """D4 as the notebook states it."""
    few = size_runs[10]
    assert np.all(np.diff(few.train_loss) < 0), "the training loss falls at every epoch"
    assert few.train_accuracy[-1] == 1.0 and few.train_loss[-1] < 0.003
    assert few.lowest_test_loss_epoch() == 43
    assert few.test_loss[-1] > 1.3 * few.test_loss[43], "after its lowest point the test loss climbs"
    assert few.test_loss[-1] == pytest.approx(0.607, abs=5e-4)
    assert few.test_accuracy[-1] == pytest.approx(0.791, abs=5e-4)


def test_all_training_images_do_not_overfit_and_the_gap_shrinks(size_runs):
    full = size_runs[1078]
    assert full.lowest_test_loss_epoch() == 2_000, "with all 1,078 images the test loss is still falling"
    assert full.final_gap() < 0.02
    assert size_runs[20].test_loss[-1] > size_runs[10].test_loss[-1], "one draw of 20 images does worse than the 10"
    gaps = [run.final_gap() for run in size_runs.values()]
    assert gaps[0] > 0.5 and gaps[-1] < 0.02
    test_accuracy = [run.test_accuracy[-1] for run in size_runs.values()]
    assert test_accuracy[-1] == max(test_accuracy) and test_accuracy[-1] == pytest.approx(0.916, abs=5e-4)


def test_smaller_training_set_is_the_experiments_subset(even_odd, size_runs):
    small = smaller_training_set(even_odd, 80)
    np.testing.assert_array_equal(small.X_train, even_odd.X_train[size_runs[80].indices])
    assert small.name == "even versus odd, 80 training images" and small.X_test is even_odd.X_test


# --- D5: weight growth on a separable pair ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def growth():
    return weight_growth_run(binary_task(load_digits(), 1, 8), epochs=20_000, lr=0.5)


def test_the_separable_pair_reaches_and_keeps_100_percent(growth):
    history = growth.history
    perfect = history.first_epoch_with_accuracy(1.0)
    assert perfect == 1_702
    assert np.all(history.accuracy[perfect:] == 1.0)
    assert np.all(np.diff(history.loss) < 0)


def test_the_weights_keep_growing_and_the_test_loss_turns(growth):
    norms = growth.history.weight_norm()
    assert np.all(np.diff(norms[1_702:]) > 0)
    assert norms[1_702] == pytest.approx(11.6, abs=0.05) and norms[-1] == pytest.approx(23.5, abs=0.05)
    assert int(np.argmin(growth.test_loss)) == 423
    assert growth.test_loss[423] == pytest.approx(0.112, abs=5e-4)
    assert growth.test_loss[-1] == pytest.approx(0.187, abs=5e-4)
    assert growth.test_accuracy[-1] == pytest.approx(66 / 71)
    assert np.all(np.abs(growth.test_accuracy[1_702:] - 66 / 71) <= 1 / 71 + 1e-12), "within one image of 66 of 71"


def test_the_test_mistakes_grow_confident(growth):
    mistakes = growth.test_mistakes(20_000)
    assert mistakes.size == 5
    confidence = growth.wrong_answer_confidence(mistakes)
    assert np.all(confidence[-1] > confidence[1_702]) and np.all(confidence[-1] > 0.5)
    assert confidence[-1].max() > 0.99


def test_the_reliability_table_the_notebook_reads(growth):
    from helpers.maths.metrics import reliability_curve

    claimed, observed, count = reliability_curve(growth.test_outputs(100), growth.y_test, bins=5)
    assert count.tolist() == [28, 8, 4, 1, 30]
    assert claimed[0] == pytest.approx(0.069, abs=5e-4) and observed[0] == 0.0
    assert claimed[-1] == pytest.approx(0.951, abs=5e-4) and observed[-1] == 1.0
    claimed, observed, count = reliability_curve(growth.test_outputs(20_000), growth.y_test, bins=5)
    assert count.tolist() == [36, 1, 2, 32]
    assert claimed[0] == pytest.approx(0.007, abs=5e-4) and observed[0] == pytest.approx(2 / 36)


def test_wrong_answer_confidence_is_the_output_given_to_the_other_label(growth):
    outputs = growth.test_outputs(500)
    confidence = growth.wrong_answer_confidence(np.arange(growth.y_test.size))[500]
    np.testing.assert_allclose(confidence, np.where(growth.y_test == 1, 1 - outputs, outputs), atol=1e-12)


# --- D6: remedies chosen on validation images ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def decay_choice(even_odd):
    return smaller_training_set(even_odd, NOTEBOOK_REMEDY_SIZE), even_odd_decay_choice(load_digits())


def test_even_odd_decay_choice_is_section_6s_sweep(decay_choice):
    """Six strengths on 80 even-versus-odd images, each run as trained by hand with 2,000 epochs at eta = 0.5."""
    small, choice = decay_choice
    assert choice.decays == NOTEBOOK_DECAYS == (0.0, 1e-3, 3e-3, 1e-2, 3e-2, 0.1)
    assert small.y_train.size == 80
    by_hand = train_sigmoid_neuron(small.X_train, small.y_train, epochs=2_000, lr=0.5, weight_decay=3e-3)
    np.testing.assert_array_equal(choice.histories[3e-3].w, by_hand.w)
    same = choose_weight_decay(small, (0.0, 3e-3), epochs=2_000, lr=0.5)
    assert same.validation_loss.tolist() == choice.validation_loss[[0, 2]].tolist()


def test_the_decay_and_the_stopping_epoch_chosen_on_validation(decay_choice):
    small, choice = decay_choice
    assert choice.chosen == 3e-3
    assert np.all(np.diff(choice.training_loss) > 0), "the training loss always prefers weaker decay"
    assert choice.validation_loss[2] == pytest.approx(0.328, abs=5e-4)
    assert choose_stopping_epoch(choice.histories[0.0], small.X_validation, small.y_validation) == 222


def test_the_chosen_remedies_do_better_on_the_test_images(decay_choice):
    small, choice = decay_choice
    plain = choice.histories[0.0]
    decayed = choice.histories[choice.chosen]
    stopped = choose_stopping_epoch(plain, small.X_validation, small.y_validation)
    scores = {
        "plain": score(plain.w[-1], plain.b[-1], small.X_test, small.y_test),
        "decay": score(decayed.w[-1], decayed.b[-1], small.X_test, small.y_test),
        "stop": score(plain.w[stopped], plain.b[stopped], small.X_test, small.y_test),
    }
    assert scores["plain"].loss == pytest.approx(0.423, abs=5e-4)
    assert scores["decay"].loss == pytest.approx(0.298, abs=5e-4)
    assert scores["stop"].loss == pytest.approx(0.304, abs=5e-4)
    assert scores["plain"].accuracy == pytest.approx(0.869, abs=5e-4)
    assert scores["decay"].accuracy == pytest.approx(0.875, abs=5e-4)
    assert scores["stop"].accuracy == pytest.approx(0.880, abs=5e-4)


def test_score_by_hand():
    result = score([1.0, -1.0], 0.0, [[2.0, 0.0], [0.0, 2.0]], [1, 1])
    assert result.accuracy == 0.5 and result.count == 2
    assert result.loss == pytest.approx((np.log1p(np.exp(-2.0)) + np.log1p(np.exp(2.0))) / 2)


# --- D7: ten digits -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ten_digits():
    digits = load_digits()
    X_train, labels_train = digits.part("train")
    return digits, train_one_versus_rest(X_train, labels_train, epochs=300, lr=0.5)


def test_one_versus_rest_reaches_90_percent_on_the_test_images(ten_digits):
    digits, model = ten_digits
    X_test, labels_test = digits.part("test")
    accuracy = np.mean(model.predict(X_test) == labels_test)
    assert accuracy >= 0.90
    assert accuracy == pytest.approx(346 / 359)
    matrix = confusion_matrix(labels_test, model.predict(X_test))
    assert np.trace(matrix) == 346 and matrix[8, 1] == 2, "two 8s called 1"
    scores = model.scores(X_test)
    surest = most_confident_mistakes(scores, labels_test, count=8)
    assert scores[surest[0]].max() == pytest.approx(0.672, abs=5e-4), "even the surest mistake wins with about 0.67"


def test_each_of_the_ten_neurons_is_our_sigmoid_neuron(ten_digits):
    digits, model = ten_digits
    X_train, labels_train = digits.part("train")
    seven = train_sigmoid_neuron(X_train, (labels_train == 7).astype(float), epochs=300, lr=0.5)
    np.testing.assert_allclose(model.weights[7], seven.w[-1])
    assert model.biases[7] == pytest.approx(seven.b[-1])


def test_scores_and_predict_by_hand():
    model = OneVersusRest(weights=np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]), biases=np.zeros(3))
    X = np.array([[2.0, 0.0], [0.0, 3.0], [-1.0, -1.0]])
    np.testing.assert_allclose(model.scores(X)[0], sigmoid(np.array([2.0, 0.0, -2.0])))
    np.testing.assert_array_equal(model.predict(X), [0, 1, 2])
    with pytest.raises(ValueError, match="shape"):
        model.scores(np.zeros((2, 3)))


def test_train_one_versus_rest_rejects_labels_with_gaps():
    with pytest.raises(ValueError, match="whole numbers 0, 1"):
        train_one_versus_rest(np.zeros((3, 2)), [0, 2, 2], epochs=1)


def test_confusion_matrix_and_most_confident_mistakes_by_hand():
    matrix = confusion_matrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], n_classes=3)
    np.testing.assert_array_equal(matrix, [[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    with pytest.raises(ValueError, match="classes must be in"):
        confusion_matrix([0, 3], [0, 1], n_classes=3)
    scores = np.array([[0.9, 0.1], [0.2, 0.7], [0.4, 0.6], [0.95, 0.3]])
    np.testing.assert_array_equal(most_confident_mistakes(scores, [0, 0, 0, 1], count=5), [3, 1, 2])
    np.testing.assert_array_equal(most_confident_mistakes(scores, [0, 0, 0, 1], count=1), [3])


def test_one_hot():
    np.testing.assert_array_equal(one_hot([2, 0], n_classes=3), [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(ValueError, match="whole numbers in 0..2"):
        one_hot([3], n_classes=3)


# --- D8: a hidden layer -------------------------------------------------------------------------------------------


def test_the_hidden_layer_network_against_one_layer_on_the_same_test_images(ten_digits):
    digits, model = ten_digits
    comparison = compare_with_network(digits, model, hidden=30, epochs=30, lr=0.5, batch_size=10, seed=0)
    X_test, labels_test = digits.part("test")
    assert comparison.sizes == (64, 30, 10)
    assert comparison.single_layer_accuracy == pytest.approx(np.mean(model.predict(X_test) == labels_test))
    assert comparison.run.diverged_at is None
    assert comparison.network_accuracy >= 0.90


# --- figures ------------------------------------------------------------------------------------------------------


def labelled(figure: Figure) -> bool:
    return all(ax.get_xlabel() and ax.get_ylabel() for ax in figure.axes if ax.get_label() != "<colorbar>")


def test_every_static_figure_draws_without_warning(ones_twos, size_runs, growth, decay_choice, ten_digits):
    digits, model = ten_digits
    X_test, labels_test = digits.part("test")
    small, choice = decay_choice
    history = train_perceptron(ones_twos.X_train, ones_twos.y_train, epochs=1)
    nudge = fix_one_image(ones_twos.X_train, ones_twos.y_train, history.w[1], history.b[1], 47)
    scores = model.scores(X_test)
    confident = most_confident_mistakes(scores, labels_test)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figures = {
            "grid": plot_digit_grid(digits.X, digits.labels, np.arange(20)),
            "inputs": plot_image_and_inputs(digits.X, digits.labels, 0),
            "weights": plot_weight_images({"a": model.weights[0], "zero": np.zeros(64)}),
            "nudge": plot_nudge(ones_twos.X_train, nudge, 100, ("1", "2")),
            "curves": plot_train_test_curves(size_runs, (10, 1078)),
            "learning": plot_learning_curve(size_runs),
            "growth": plot_weight_growth(growth, growth.test_mistakes(20_000)),
            "reliability": plot_reliability_with_counts(
                {"early": growth.test_outputs(100), "late": growth.test_outputs(20_000)}, growth.y_test, 5
            ),
            "decay": plot_decay_choice(choice, 222),
            "confusion": plot_confusion_matrix(confusion_matrix(labels_test, model.predict(X_test))),
            "mistakes": plot_confident_mistakes(X_test, labels_test, scores, confident),
        }
        for name, figure in figures.items():
            assert isinstance(figure, Figure), name
            figure.canvas.draw()
    for name in ("inputs", "weights", "nudge", "curves", "learning", "growth", "reliability", "decay", "confusion"):
        assert labelled(figures[name]), name


def test_titles_read_as_english(ones_twos):
    assert [a_digit(str(digit)) for digit in (1, 8, 9)] == ["a 1", "an 8", "a 9"]
    history = train_perceptron(ones_twos.X_train, ones_twos.y_train, epochs=1)
    nudge = fix_one_image(ones_twos.X_train, ones_twos.y_train, history.w[1], history.b[1], 47)
    titles = [plot_nudge(ones_twos.X_train, nudge, step).axes[1].get_title() for step in (0, 12)]
    assert titles[0].endswith(": 0 other images fixed, 0 broken")
    assert titles[1].endswith(": 1 other image fixed, 0 broken")
    X = np.zeros((1, 64))
    title = plot_confident_mistakes(X, np.array([8]), np.eye(10)[[1]], np.array([0])).axes[0].get_title()
    assert title.startswith("an 8, called 1")


def test_the_decay_figure_after_exercise_3_marks_no_choice(decay_choice):
    _, choice = decay_choice
    decay_ax = plot_decay_choice(choice, 222).axes[0]
    assert len(decay_ax.lines) == 2  # the training and the validation losses, no marked strength
    assert not decay_ax.texts and "validation" not in decay_ax.get_title()


def test_image_inputs_view_shows_the_vector_as_bars_and_values():
    figure, (image_ax, inputs_ax) = figure_with_widths(8.0, 3.0, (1.0, 2.0))
    view = ImageInputsView(image_ax, inputs_ax, write_values=True)
    x = np.linspace(0.0, 1.0, 64)
    view.update(x, 3)
    np.testing.assert_allclose(view.picture.get_array().reshape(8, 8), as_image(x))
    tops = [path.vertices[:, 1].max() for path in view.bars.get_paths()]
    np.testing.assert_allclose(tops, x)
    assert [view.values[0].get_text(), view.values[-1].get_text()] == ["0", "1"]
    assert view.title.get_text() == "The digit 3 as 8 x 8 pixels"


def test_pixel_mesh_puts_row_zero_at_the_top():
    figure, (ax,) = new_figure(3, 3)
    pixel_mesh(ax, np.arange(6.0).reshape(2, 3))
    assert ax.get_ylim() == (1.5, -0.5) and ax.get_xlim() == (-0.5, 2.5)


def test_mosaic_frames_each_thumbnail_in_its_colour():
    images = np.zeros((2, 64))
    images[1, 0] = 1.0  # full ink in the top-left pixel of the second image
    picture = mosaic(images, ["#0072B2", "#D55E00"], rows=1, cols=3)
    assert picture.shape == (11, 33, 3)
    np.testing.assert_allclose(picture[1, 1], [0.0, 0x72 / 255, 0xB2 / 255])  # the first frame, blue
    np.testing.assert_allclose(picture[2, 2], [1.0, 1.0, 1.0])  # blank paper inside it
    np.testing.assert_allclose(picture[2, 11 + 2], [0.0, 0.0, 0.0])  # the ink of the second image
    np.testing.assert_allclose(picture[:, 22:], 1.0)  # the third place is empty


def test_nudge_view_reports_what_the_step_did(ones_twos):
    history = train_perceptron(ones_twos.X_train, ones_twos.y_train, epochs=1)
    nudge = fix_one_image(ones_twos.X_train, ones_twos.y_train, history.w[1], history.b[1], 47)
    figure, (target_ax, flips_ax) = figure_with_widths(10.0, 3.6, (1.0, 2.2))
    view = NudgeView(target_ax, flips_ax, ones_twos.X_train, nudge, names=("1", "2"))
    assert view.update(0) == {"fixed": False, "repaired": 0, "broken": 0, "eta": 0.0}
    assert view.update(100) == {"fixed": True, "repaired": 1, "broken": 41, "eta": 1.0}
    assert target_ax.get_title() == "To fix: a 1 called 2"


def test_train_test_view_and_its_shared_axis_range(size_runs):
    low, high = loss_range(size_runs)
    assert low <= min(run.train_loss[1:].min() for run in size_runs.values())
    assert high >= max(run.test_loss[1:].max() for run in size_runs.values())
    figure, (ax,) = new_figure()
    view = TrainTestView(ax, 2_000, loss_range=(low, high))
    view.update(size_runs[10])
    assert view.best.get_xdata()[0] == 43


def test_decay_curves_view_shows_each_decay(decay_choice):
    _, choice = decay_choice
    figure, (ax,) = new_figure()
    view = DecayCurvesView(ax, choice)
    assert view.update(3e-3) == 2
    np.testing.assert_allclose(view.validation.get_ydata(), choice.validation_curves[2, view.epochs])


def test_log_spaced_epochs():
    epochs = log_spaced_epochs(20_000, 300)
    assert epochs[0] == 1 and epochs[-1] == 20_000
    assert np.all(np.diff(epochs) > 0) and len(epochs) <= 300


# --- dashboards: every position, not only the ends ---------------------------------------------------------------


def test_every_slider_position_of_the_digits_dashboards_draws_quietly(ones_twos, size_runs, decay_choice):
    from helpers.live.digits import (
        decay_choice_dashboard,
        fix_one_image_dashboard,
        image_browser_dashboard,
        training_size_dashboard,
    )

    history = train_perceptron(ones_twos.X_train, ones_twos.y_train, epochs=1)
    nudge = fix_one_image(ones_twos.X_train, ones_twos.y_train, history.w[1], history.b[1], 47)
    positions = {
        "index": range(0, 1797, 97),
        "eta": np.round(nudge.etas, 2),
        "size": tuple(size_runs),
        "decay": decay_choice[1].decays,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dashboards = [
            image_browser_dashboard(load_digits()),
            fix_one_image_dashboard(ones_twos.X_train, nudge, ("1", "2")),
            training_size_dashboard(size_runs),
            decay_choice_dashboard(decay_choice[1]),
        ]
        for dashboard in dashboards:
            (name,) = dashboard.sliders
            for value in positions[name]:
                dashboard.set_values(**{name: value})
                assert dashboard.readout.value and "nan" not in dashboard.readout.value.lower()
    fix_one = dashboards[1]
    fix_one.set_values(eta=1.0)
    assert "broken: <b>41</b>" in fix_one.readout.value


def test_every_step_of_the_fix_one_image_dashboard_changes_its_picture(ones_twos):
    """Most steps change no answer; the picture still names the step, so a learner sees the slider act."""
    from helpers.live.digits import fix_one_image_dashboard

    history = train_perceptron(ones_twos.X_train, ones_twos.y_train, epochs=1)
    nudge = fix_one_image(ones_twos.X_train, ones_twos.y_train, history.w[1], history.b[1], 47)
    dashboard = fix_one_image_dashboard(ones_twos.X_train, nudge, ("1", "2"))
    pictures = []
    for eta in np.round(nudge.etas, 2):
        dashboard.set_values(eta=eta)
        pictures.append(dashboard.png)
    assert len(set(pictures)) == len(nudge.etas) == 101
