# ruff: noqa: E501 - a catalogue of prose: Chinese counts double in the line length, and wrapping each text to fit helps no reader
"""English messages of the visible checks (the ids and fields of `zh_CN.py` are the same)."""

MESSAGES = {
    # The boxes and the places (utils.checks.display, utils.checks.core)
    "passed": "✔ {name}: all visible checks passed{detail}.",
    "passed_detail": " ({detail})",
    "checked": "Checked: {detail}.",
    "check_failed": "Check failed",
    "colon": ": ",
    "not_written.title": "Not written yet",
    "not_written": "`{name}` is not written yet. It is an exercise of this notebook: write it in {cell} (which still "
                   "raises `NotImplementedError`), run that cell, then run this cell again.",
    "not_written.short": "NotImplementedError: {name} is not written yet ({cell})",
    "place.where_raised": "Where your code raised it:",
    "place.line": "{place}, line {line}",
    "place.in_function": "{place}, in {function}",
    "place.your_cell": "your cell [{number}]",
    "place.your_cell_unnumbered": "your cell",
    "place.cell": "cell [{number}]",
    "place.cell_unnumbered": "cell",
    # utils.checks.core; a hint ("hint.*") brings its own leading space
    "not_implemented": "`{name}` is not implemented yet: replace `raise NotImplementedError()` in its cell with your "
                       "code, run that cell, then run this check again.",
    "raised": "`{call}` raised {error_type}: {error}.{hint}",
    "hint.math_on_array": " The `math` module works on one number at a time; use NumPy's `np.exp`, `np.log`, ..., "
                          "which work on whole arrays elementwise.",
    "hint.float_of_array": " `float(...)` and `int(...)` take a single number; this was given an array.",
    "what_raised": "{what} raised {error_type}: {error}",
    "and_hint": "{message}. {hint}",
    "array_argument": "<array of shape {shape}, dtype {dtype}>",
    "not_an_array": "{name} should be a NumPy array, but it is a {type}.",
    "wrong_shape": "{name} should have shape {shape}, but it has shape {actual}.{hint}",
    "hint.transposed": " It looks transposed: check which axis holds the examples (columns) and which the features "
                       "(rows).",
    "hint.rank_1": " A rank-1 array of shape {actual} is not a row or column vector: reshape it to {shape}.",
    "not_floats": "{name} should hold floats, but its dtype is {dtype}. Integer arithmetic truncates; divide by a "
                  "float (e.g. 255.0) or use .astype(float).",
    "not_a_number": "{name} should be a single number, but it is a {type}: {value}.",
    "number_in_array": "{name} should be a single number, but it is an array of shape {shape}.{hint}",
    "hint.item": " Use `.item()` (or `float(...)`) to take the number out of the array.",
    "not_int_labels": "{name} should hold integer labels 0 and 1, but its dtype is {dtype}. A comparison gives "
                      "booleans and arithmetic gives floats: convert with `.astype(int)`.",
    "wrong_values": "{name} is wrong: expected {expected}, got {actual}.",
    "input_changed": "Your function changed its input {name} in place. Work on a copy (e.g. `w = w - ...` instead of "
                     "`w -= ...`) so the caller's data stays as it was.",
    # 2.1 Binary classification
    "2.1.first_difference": "entry {index} is {actual!r} but should be {expected!r}",
    "2.1.input_reshaped": "Your function changed the shape of the caller's {name} to {shape}: setting `{name}.shape = "
                          "...` reshapes the array in place. Use `{name}.reshape(...)`, which returns a new array and "
                          "leaves the input alone.",
    "2.1.input_written": "Your function changed the values of the caller's {name}: it wrote into the array it was given "
                         "(`{name}[...] = ...`, `{name} /= ...`). Build a new array instead (`{name} / ...`, "
                         "`{name}.reshape(...)` and `{name}.astype(...)` all return one), so the caller's data stays as "
                         "it was.",
    "2.1.not_value_error": "{what} raised {error_type}: {error}. Raise a ValueError, as the exercise asks.",
    "2.1.feature_vector": "The feature vector",
    "2.1.feature_vector_of": "The feature vector of a (2, 4, 3) image",
    "2.1.vector_scaled": "Your vector holds the pixel values divided by 255. image_to_vector only changes the shape; "
                         "scaling the values is a separate step (exercise 5, normalize_pixels). Return the image's own "
                         "values.",
    "2.1.vector_values": "Your vector should hold the image's own values (0, 1, ..., 23), only rearranged, but it holds "
                         "{sorted}... when sorted. Don't compute anything, only reshape.",
    "2.1.vector_by_channel": "You listed all the red values, then all the green, then all the blue. That order works "
                             "too (the lecture draws it that way), but this exercise asks for NumPy's row-major order: "
                             "pixel by pixel, the three colour values of each pixel side by side.",
    "2.1.vector_column_major": "Your vector walks down the columns of the image first (column-major, Fortran order). "
                               "Use NumPy's default row-major order: along each row, left to right, then the next row.",
    "2.1.vector_order": "Your vector holds the image's values but in another order than NumPy's row-major order "
                        "({difference}). `image.reshape(...)` keeps that order.",
    "2.1.image_to_vector.passed": "a (2, 4, 3) image became a (24, 1) column",
    "2.1.count_boolean": "{name} should be a count, not the boolean {value!r}.",
    "2.1.count_float": "{name} is {value!r}, a float: a count is an integer. `/` always gives a float; multiply the "
                       "dimensions (or use `//`) instead.",
    "2.1.count_type": "{name} should be an integer, but it is a {type}: {value!r}.",
    "2.1.colour_images": "colour images of 4x4 pixels",
    "2.1.grayscale_images": "grayscale images 3 pixels high and 5 wide (one channel)",
    "2.1.three_numbers": "Return the three numbers (m_train, m_test, n_x) as a tuple, not {result!r}.",
    "2.1.for_images": "For {m_train} training and {m_test} test {what}",
    "2.1.swapped": "{label}, m_train and m_test are swapped: the first argument holds the training images.",
    "2.1.counts": "{label}, m_train, m_test should be {expected_train}, {expected_test} but are {m_train}, {m_test}: "
                  "the number of examples is the first axis of each array.",
    "2.1.n_x_pixels": "{label}, n_x should be {right}, not {n_x}: it counts every value of one image, height x width "
                      "x channels ({h} x {w} x {c}), not just the pixels.",
    "2.1.n_x_three": "{label}, n_x should be {right}, not {n_x}: these images have {c} channel, as the last axis of "
                     "their shape says. Take the number of channels from the shape; don't assume 3.",
    "2.1.n_x_square": "{label}, n_x should be {h} x {w} x {c} = {right}, not {n_x}: the images need not be square, so "
                      "use both the height and the width.",
    "2.1.n_x_batch": "{label}, n_x should be {right}, not {n_x}: n_x is the size of ONE image's feature vector, not of "
                     "the whole batch.",
    "2.1.n_x": "{label}, n_x should be height x width x channels = {right}, not {n_x}.",
    "2.1.mismatch_size": "These test images unroll to 16 values, the training images to 48: a model with 48 weights "
                         "cannot read them.",
    "2.1.mismatch_layout": "Both unroll to 24 values, but entry k of x is a different pixel in each (the test images "
                           "are 6 high and 4 wide): the features would not mean the same. Compare the shapes, not only "
                           "the sizes.",
    "2.1.shapes": "training images of shape {train} and test images of shape {test}",
    "2.1.with_shapes": "With {shapes}, dataset_dimensions",
    "2.1.mismatch_accepted": "With {shapes}, dataset_dimensions returned {result!r}. {why} Raise a ValueError when a "
                             "test image's shape differs from a training image's.",
    "2.1.dataset_dimensions.passed": "colour and grayscale, size mismatch refused",
    "2.1.X_for_images": "X for m = 3 images of shape (2, 2, 2)",
    "2.1.batch_reshaped": "X has the right shape but column 0 is not image 0: reshaping the whole batch straight to "
                          "(n_x, m) spreads each image over several columns. Flatten each image into one row first "
                          "(shape (m, n_x)), then turn rows into columns.",
    "2.1.matrix_scaled": "X holds the pixel values divided by 255: images_to_matrix only rearranges the values; "
                         "scaling is exercise 5's job.",
    "2.1.column_mixed": "Column {j} of X holds {column}, which are not the values of any one image: each column must "
                        "be one whole image, unrolled.",
    "2.1.column_order": "Column {j} of X holds image {holder}: keep the images in their order, image j in column j.",
    "2.1.column_unrolled": "Column {j} holds image {j}'s values but in another order ({difference}): unroll every "
                           "image in NumPy's row-major order, exactly as image_to_vector does.",
    "2.1.images_to_matrix.passed": "X has shape (n_x, m) = (8, 3), one image per column",
    "2.1.Y_for_5": "Y for 5 labels",
    "2.1.Y_values": "Y should hold the labels 1, 0, 0, 1, 1, but it holds {Y}.",
    "2.1.Y_order": "Y holds {Y}: keep the labels in their order, only the shape changes.",
    "2.1.Y_for_list": "Y for the Python list [0, 1, 1]",
    "2.1.Y_list": "Y for the list [0, 1, 1] should be [[0, 1, 1]], got {Y}.",
    "2.1.Y_for_booleans": "Y for boolean labels",
    "2.1.Y_for_4_booleans": "Y for 4 boolean labels",
    "2.1.Y_boolean_dtype": "Y for the booleans [True, False, True, True] should hold integers 1 and 0, but its dtype is "
                           "{dtype}. NumPy refuses arithmetic such as `Y_pred - Y` on two boolean arrays: convert with "
                           "`.astype(int)`.",
    "2.1.Y_booleans": "Y for the booleans [True, False, True, True] should be [[1, 0, 1, 1]], got {Y}.",
    "2.1.Y_float_labels": "Y for the float labels [0.0, 1.0] should hold integers, but it is {Y!r}: convert the labels "
                          "with `.astype(int)`.",
    "2.1.labels_half": " Check the labels before converting them: `.astype(int)` turns 0.5 into 0.",
    "2.1.labels_accepted": "labels_to_row(np.array({bad})) returned {result}, but the label {which} is neither 0 nor 1: "
                           "these are not the labels of a yes/no task. Raise a ValueError.{hint}",
    "2.1.labels_to_row.passed": "integer Y of shape (1, m) from arrays, lists and booleans",
    "2.1.normalised_X": "The normalised X",
    "2.1.divided_by_256": "You divided by 256, but the largest value a uint8 pixel can hold is 255: divide by 255 so "
                          "that white becomes exactly 1.0.",
    "2.1.above_one": "normalize_pixels({values}) has values up to {largest:g}: scale them into [0, 1], dividing by 255.",
    "2.1.stretched": "normalize_pixels({values}) maps this dark image's brightest value, {brightest}, to {largest:g}. "
                     "Dividing by the image's own maximum (or stretching its range) makes every image look equally "
                     "bright; divide every image by 255, the largest value any uint8 pixel can hold, so a value means "
                     "the same in all of them.",
    "2.1.normalised": "normalize_pixels({values}) should be {expected}: {difference}. Each value should be pixel / 255.",
    "2.1.normalize_pixels.passed": "values in [0, 1], input untouched",
    # 2.2 Logistic regression
    "2.2.overflow": "{what} raised the warning '{warning}'. An exponential overflows (it is larger than any float) once its exponent passes about 709: e^(-z) when z is very negative, e^(z) when z is very positive. Only ever exponentiate a non-positive number: for z < 0 rewrite sigma(z) so the exponent is +z. Beware that np.where(cond, a, b) computes both a and b for every entry, so the overflow still happens inside it.",
    "2.2.z_changed": "Your sigmoid changed the caller's array z. For a float array, `np.asarray(z, dtype=float)` returns z itself, not a copy, so writing into it (`z[...] = ...`, `z -= ...`, `np.clip(z, ..., out=z)`) changes the caller's data. Build new arrays instead, or start from a copy: `z = np.array(z, dtype=float)`.",
    "2.2.of_array": "sigmoid(z) for an array z",
    "2.2.of_shape_5": "sigmoid(z) for z of shape (5,)",
    "2.2.one_minus": "Your values are 1 - sigma(z): a sign error in the exponent. The formula is 1 / (1 + e^(-z)).",
    "2.2.formula": "Check the formula sigma(z) = 1 / (1 + e^(-z)).",
    "2.2.of_matrix": "sigmoid of a (2, 2) array",
    "2.2.every_entry": "Apply sigma to every entry and keep the shape.",
    "2.2.of_integers": "sigmoid of an integer array",
    "2.2.integer_hint": "An output array made with np.zeros_like / np.empty_like of an integer input is an integer array, so the values get truncated to 0 or 1. Convert the input first: np.asarray(z, dtype=float).",
    "2.2.integer_dtype": "sigmoid(np.array([-1, 0, 2])) should hold floats, but its dtype is {dtype}. {hint}",
    "2.2.tails_infinite": "sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4]) gave {tails}: inf or nan means the formula overflowed. Only exponentiate non-positive numbers.",
    "2.2.tails_outside": "sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4]) gave {tails}: every value should lie in [0, 1].",
    "2.2.tails": "Far from 0 the values should be (almost) 0 on the left and 1 on the right.",
    "2.2.symmetry_name": "sigmoid(-z) compared with 1 - sigmoid(z)",
    "2.2.symmetry": "The sigmoid is symmetric about (0, 0.5): your two branches (z >= 0 and z < 0) disagree.",
    "2.2.sigmoid.passed": "arrays, numbers, integers, no overflow for |z| up to 1e4",
    "2.2.limits": "sigmoid([-1e4, 1e4]) should be exactly [0.0, 1.0] in float64, got {limits}. Clipping z (e.g. to [-500, 500]) avoids the overflow but leaves values like 7e-218 instead of 0: rewrite the formula for z < 0 instead of clipping.",
    "2.2.tail_accuracy": "sigmoid({z:g}) should be {expected:.10g}, but yours is {actual:.10g} (relative error {error:.1e}, more than 1e-9). Computing sigma(z) as 1 - sigma(-z) for negative z loses every digit of these tiny values (1 - 0.99999... cancels), and clipping z replaces them by a constant. Use a formula for z < 0 that neither subtracts from 1 nor clips.",
    "2.2.challenge.passed": "exact limits and accurate tails",
    "2.2.loop_index": "predict_proba took the examples out of X one at a time (a loop over the examples). Compute all m at once: one matrix product of w transposed with X gives the (1, m) row of scores.",
    "2.2.loop_iter": "predict_proba looped over the examples of X. Compute all m at once: one matrix product of w transposed with X gives the (1, m) row of scores.",
    "2.2.A_for_4": "A for n_x = 2 and m = 4 examples",
    "2.2.no_sigmoid": "A holds w^T X + b itself: you forgot to pass it through the sigmoid, so it is not a probability.",
    "2.2.minus_b": "A looks like sigma(w^T X - b): add b, don't subtract it.",
    "2.2.b_outside": "A looks like sigma(w^T X) + b: add b to the score z before the sigmoid, not to the probability.",
    "2.2.compute_A": "Compute z = w^T X + b (w transposed, times X), then the sigmoid of z.",
    "2.2.A_for_one": "A for one example",
    "2.2.A_for_single": "A for a single example X of shape (2, 1)",
    "2.2.A_for_example": "A for the single example [[0], [-1]]",
    "2.2.A_for_b": "A for b = {b!r}",
    "2.2.any_b": "b may be any number: a Python float, a NumPy number or a 0-d array. Add it to every score as it is.",
    "2.2.A_for_12": "A for m = 12 examples",
    "2.2.predict_proba.passed": "A has shape (1, m), all examples at once",
    "2.2.inverted": "Your labels are inverted: predict 1 where the probability is at least the threshold.",
    "2.2.compared_z": "With threshold=0.5, the last example has z = w^T x + b = 0.3 and y_hat = sigma(0.3) = 0.57, so it should be labelled 1. Compare the probability y_hat with the threshold, not z.",
    "2.2.strictly_greater": "The fourth example has y_hat exactly 0.5, equal to the threshold: it should be labelled 1 (use >= threshold, not > threshold; np.round rounds 0.5 down to 0).",
    "2.2.label_rule": "Label 1 where y_hat >= threshold, 0 elsewhere.",
    "2.2.without_threshold": "predict(w, b, X) without a threshold",
    "2.2.default_threshold": "predict(w, b, X) should equal predict(w, b, X, threshold=0.5): the default threshold is 0.5, but they are {default} and {labels}.",
    "2.2.with_015": "The predictions with threshold=0.15",
    "2.2.threshold_ignored": "With threshold=0.15 your labels did not change: compare y_hat with the `threshold` argument, not with a fixed 0.5.",
    "2.2.compare_after_sigmoid": "Compare the probabilities y_hat (after the sigmoid) with the threshold.",
    "2.2.compare": "Compare the probabilities y_hat with the threshold.",
    "2.2.predict.passed": "integer labels of shape (1, m), y_hat >= threshold, threshold respected",
    # 2.3 Cost function
    "2.3.summed": "This is the sum of the losses. The cost is their mean: divide by m. For Y of shape (1, m), len(Y) and Y.shape[0] are 1; the number of examples is Y.shape[1].",
    "2.3.broadcast": "Your cost mixes every prediction with every label: a (1, m) array times an (m, 1) array broadcasts into an m x m matrix. Multiply Y and log(A) elementwise (both of shape (1, m)), or use np.dot(Y, np.log(A).T).",
    "2.3.negative": "Your cost is negative: you left out the minus sign in front of the loss. log of a number below 1 is negative, so L = -(y log(a) + (1 - y) log(1 - a)) is positive.",
    "2.3.swapped": "You swapped a and 1 - a: for y = 1 the loss is -log(a), for y = 0 it is -log(1 - a).",
    "2.3.log10": "You used the base-10 logarithm. The loss uses the natural logarithm, np.log.",
    "2.3.squared_error": "This is the squared error (1/2)(a - y)^2, not the cross-entropy loss.",
    "2.3.only_y1": "Only the y = 1 term is there: add (1 - y) log(1 - a) for the examples with y = 0.",
    "2.3.only_y0": "Only the y = 0 term is there: add y log(a) for the examples with y = 1.",
    "2.3.not_averaged": "{name} should be one number, but it is an array of shape {shape}: average the losses over the examples instead of returning them.",
    "2.3.mistake": "cost(A, Y) = {value:.6f}. {hint}",
    "2.3.formula": "J = (1/m) * sum of the losses -(y log(a) + (1 - y) log(1 - a)).",
    "2.3.for_4": "cost(A, Y) for m = 4",
    "2.3.divide_by_m": "Divide by the number of examples, m = Y.shape[1].",
    "2.3.of_one": "cost of one example",
    "2.3.one_example": "With one example the cost is that example's loss, here -log(1 - 0.25).",
    "2.3.cost.passed": "the mean loss, one number",
    "2.3.overflow": "{what} raised the warning '{warning}'. e^z overflows for large z, and sigmoid(1e4) is exactly 1.0, so log(1 - a) is log(0). Write the loss in terms of z and never exponentiate a large positive number (np.logaddexp(0, z) computes log(1 + e^z) safely).",
    "2.3.logits_summed": "You summed the losses: the cost is their mean, divide by m.",
    "2.3.logits_formula": "It should equal the cost of A = sigmoid(Z): the mean of log(1 + e^z) - y z.",
    "2.3.infinite": "cost_from_logits({z}, {y}) is {value}: somewhere log(0) was taken (or e^z overflowed). Work with z directly instead of computing sigmoid(z) first.",
    "2.3.clipped": "Clipping the probabilities (e.g. to [1e-15, 1 - 1e-15]) keeps the cost finite but wrong: a prediction with z = 1e4 that is wrong should cost about 1e4. Use the formula log(1 + e^z) - y z.",
    "2.3.cost_from_logits.passed": "finite and right for |z| up to 1e4",
    "2.3.tiny": "log(1 + e^z) for very negative z is a tiny positive number (about e^z); computing 1 + e^z first rounds it to 1, and log(1) = 0. np.log1p(x) computes log(1 + x) accurately for tiny x; np.logaddexp(0, z) does it all.",
    "2.3.not_zero": "cost_from_logits([[5000, -3000]], [[1, 0]]) = {value!r}, but both predictions are right beyond doubt and the true cost, about e^-3000, rounds to 0. A leftover such as log(1 + e^-5000) computed as a difference of two large numbers is rounding error: write the loss so that nothing large is subtracted.",
    "2.3.challenge.passed": "tiny losses to 1e-9 and exact zeros",
    # 2.4 Gradient descent
    "2.4.not_a_pair": "update_parameters should return the pair (w, b), but it returned {type}.",
    "2.4.slopes_not_called": "update_parameters never called slopes(w, b): the step needs the slopes dw and db.",
    "2.4.slopes_moved": "slopes was asked at w = {w}, b = {b}, after a parameter had already moved (the step starts at w = [1.0, -2.0], b = 1.0). Both steps use the slopes of the same point: ask slopes for dw and db at the starting point first, then move w and b.",
    "2.4.new_w": "The new w",
    "2.4.new_b": "The new b",
    "2.4.w_uphill": "w moved uphill: you added learning_rate * dw. Gradient descent subtracts it: w - learning_rate * dw.",
    "2.4.whole_derivative": "w moved by the whole derivative: multiply dw by the learning rate before subtracting it.",
    "2.4.w_by_db": "w moved by learning_rate * db: w's step uses dw, b's uses db.",
    "2.4.w_rule": "new w = w - learning_rate * dw, with (dw, db) = slopes(w, b).",
    "2.4.b_unchanged": "b did not change: update b too, b - learning_rate * db.",
    "2.4.b_uphill": "b moved uphill: subtract learning_rate * db, don't add it.",
    "2.4.b_rule": "new b = b - learning_rate * db, with (dw, db) = slopes(w, b).",
    "2.4.numbers": "With numbers instead of arrays the rule is the same.",
    "2.4.update_parameters.passed": "one step downhill from one point, inputs unchanged",
    "2.4.history_no_start": "It holds w after each step but not the starting point: put w0 first, history = [w0], before the loop.",
    "2.4.history_no_end": "The final w is missing from it: you record w before each step. Append w after each step instead, so that history[-1] is the w you return.",
    "2.4.step_too_few": "Your loop took one step too few (2 instead of 3): run it num_iterations times, e.g. `for _ in range(num_iterations):`, not range(num_iterations - 1).",
    "2.4.step_too_many": "Your loop took one step too many: run it num_iterations times, e.g. `for _ in range(num_iterations):`.",
    "2.4.history_rule": "Take exactly num_iterations steps and record w0 first, then w after each step.",
    "2.4.not_w_history": "gradient_descent should return the pair (w, history), but it returned {type}.",
    "2.4.history_type": "history should be a list of the values of w, but it is a {type}.",
    "2.4.returned_w": "The returned w",
    "2.4.history_length": "After 3 iterations history should hold 4 values (w0, then w after each step), but it holds {length}. {hint}",
    "2.4.history_start": "history[0] should be the starting point w0 = 0.0, but it is {start!r}.",
    "2.4.steps_uphill": "Your steps go uphill (away from the minimum at w = 3): subtract learning_rate * dJ(w), don't add it.",
    "2.4.frozen_slope": "Every step has the same size: you reused the slope at w0. Evaluate dJ at the current w in every iteration.",
    "2.4.step_rule": "Each step is w = w - learning_rate * dJ(w).",
    "2.4.returned_not_last": "The returned w is {w!r}, but the last value in history is {last}: return the w after the final step.{hint}",
    "2.4.returned_w0": " You returned w0.",
    "2.4.calls": "dJ was called {calls} times for 3 iterations: one slope per step is enough.",
    "2.4.zero_iterations": "With num_iterations = 0 no step is taken: w stays at w0 = 5.0 and history is [5.0], but you returned w = {w!r} and a history of {length} values.",
    "2.4.gradient_descent.passed": "w and its history after each step",
    "2.4.rate_01": "With learning rate 0.1 every step lands closer to the minimum, on the same side: the slope shrinks and never changes sign.",
    "2.4.rate_05": "With learning rate 0.5 the first step lands exactly on the minimum (the slope becomes 0) and stays there. A slope of 0 is not a change of sign: + to 0 is not + to -.",
    "2.4.rate_07": "With learning rate 0.7, w jumps over the minimum at every step (the slope changes sign) while getting closer (the slope shrinks).",
    "2.4.rate_10": "With learning rate 1.0, w bounces between 6 and 0 for ever: the slope flips its sign but keeps its size, so at the end it is exactly as large as at the start. That neither converges nor diverges: it cycles. Compare the sizes of the first and the last slope (divergence, then cycling) before looking for changes of sign.",
    "2.4.rate_12": "With learning rate 1.2, w jumps over the minimum and lands further away each time: the slope at the end is larger than at the start. Compare the sizes of the first and the last slope (divergence, then cycling) before looking for changes of sign.",
    "2.4.verdicts": "learning_rate_behaviour should return one of {verdicts}; got {verdict!r}.",
    "2.4.verdict": "learning_rate_behaviour(dJ, 6.0, {learning_rate}, 10) returned {verdict!r}, not {expected!r}. {hint}",
    "2.4.from_below": "From w0 = 1 with learning rate 0.1, w creeps up towards the minimum at w = 3, so the answer is 'converges monotonically', but you returned {verdict!r}. Compare the size of the slope, |dJ(w)|, at the end and at the start, not the size of w: the minimum is not always at w = 0.",
    "2.4.at_minimum": "Starting at the minimum (w0 = 3, where the slope is 0) nothing moves, so the answer is 'converges monotonically', but you returned {verdict!r}. A slope that stays 0 neither grows, nor keeps a size above 0, nor changes sign.",
    "2.4.steeper": "On the steeper bowl J(w) = 4(w + 1)^2 (slope 8(w + 1)) from w0 = 1, learning rate {learning_rate} {expected}, but you returned {verdict!r}. Each bowl has its own critical rates (here 0.125 lands on the minimum in one step and 0.25 cycles): read the behaviour off the slopes, not off the learning rate.",
    "2.4.one_step": "After a single step (num_iterations = 1) with learning rate {learning_rate}, the answer is {expected!r}, but you returned {verdict!r}. Compare the last slope with the first one, s_0 = dJ(w0), the slope before any step: with one step, s_1 is both the second and the last.",
    "2.4.learning_rate_behaviour.passed": "the four behaviours told apart",
}
