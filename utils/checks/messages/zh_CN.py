# ruff: noqa: E501 - a catalogue of prose: Chinese counts double in the line length, and wrapping each text to fit helps no reader
"""简体中文 messages of the visible checks (the ids and fields of `en.py` are the same).

Terms as in solutions/zh-CN/glossary.tsv; code, names and formulas unchanged, in backticks where the English has them.
"""

MESSAGES = {
    # The boxes and the places (utils.checks.display, utils.checks.core)
    "passed": "✔ {name}：所有可见检查都通过了{detail}。",
    "passed_detail": "（{detail}）",
    "checked": "检查了：{detail}。",
    "check_failed": "检查未通过",
    "colon": "：",
    "not_written.title": "还没有写",
    "not_written": "`{name}` 还没有写。它是这个笔记本里的一道练习：请在{cell}里写出它（那里仍然是 "
                   "`NotImplementedError`），运行那个单元格，再重新运行这个单元格。",
    "not_written.short": "NotImplementedError：{name} 还没有写（{cell}）",
    "place.where_raised": "出错的位置在你的代码里：",
    "place.line": "{place}，第 {line} 行",
    "place.in_function": "{place}，在 {function} 中",
    "place.your_cell": "你的单元格 [{number}]",
    "place.your_cell_unnumbered": "你的单元格",
    "place.cell": "单元格 [{number}]",
    "place.cell_unnumbered": "单元格",
    # utils.checks.core
    "not_implemented": "`{name}` 还没有实现：把它所在单元格里的 `raise NotImplementedError()` 换成你的代码，运行那个"
                       "单元格，再重新运行这个检查。",
    "raised": "`{call}` 抛出了 {error_type}：{error}。{hint}",
    "hint.math_on_array": "`math` 模块一次只能处理一个数；请改用 NumPy 的 `np.exp`、`np.log` 等函数，它们能对整个数组"
                          "逐元素计算。",
    "hint.float_of_array": "`float(...)` 和 `int(...)` 只接受单个数，这里却传入了一个数组。",
    "what_raised": "{what} 抛出了 {error_type}：{error}",
    "and_hint": "{message}。{hint}",
    "array_argument": "<形状为 {shape}、dtype 为 {dtype} 的数组>",
    "not_an_array": "{name} 应该是一个 NumPy 数组，但它是 {type}。",
    "wrong_shape": "{name} 的形状应该是 {shape}，但实际是 {actual}。{hint}",
    "hint.transposed": "看起来像是转置了：检查一下哪个轴放样本（列），哪个轴放特征（行）。",
    "hint.rank_1": "形状为 {actual} 的秩为 1 的数组既不是行向量也不是列向量：把它 reshape 成 {shape}。",
    "not_floats": "{name} 应该存放浮点数，但它的 dtype 是 {dtype}。整数运算会截断小数；请除以一个浮点数（例如 255.0），"
                  "或者用 .astype(float)。",
    "not_a_number": "{name} 应该是单个数，但它是 {type}：{value}。",
    "number_in_array": "{name} 应该是单个数，但它是一个形状为 {shape} 的数组。{hint}",
    "hint.item": "用 `.item()`（或 `float(...)`）把这个数从数组里取出来。",
    "not_int_labels": "{name} 应该存放整数标签 0 和 1，但它的 dtype 是 {dtype}。比较运算得到的是布尔值，算术运算得到的"
                      "是浮点数：请用 `.astype(int)` 转换。",
    "wrong_values": "{name} 不对：应该是 {expected}，实际得到 {actual}。",
    "input_changed": "你的函数原地修改了它的输入 {name}。请在副本上计算（例如写 `w = w - ...`，而不是 `w -= ...`），"
                     "让调用者的数据保持原样。",
    # 2.1 二分类
    "2.1.first_difference": "第 {index} 项是 {actual!r}，但应该是 {expected!r}",
    "2.1.input_reshaped": "你的函数把调用者的 {name} 的形状改成了 {shape}：`{name}.shape = ...` 会原地改变数组的形状。"
                          "请用 `{name}.reshape(...)`，它返回一个新数组，不动输入。",
    "2.1.input_written": "你的函数改动了调用者的 {name} 里的值：它写进了传给它的数组（`{name}[...] = ...`、"
                         "`{name} /= ...`）。请另建一个新数组（`{name} / ...`、`{name}.reshape(...)` 和 "
                         "`{name}.astype(...)` 都会返回新数组），让调用者的数据保持原样。",
    "2.1.not_value_error": "{what} 抛出了 {error_type}：{error}。请按练习的要求抛出 ValueError。",
    "2.1.feature_vector": "特征向量",
    "2.1.feature_vector_of": "一张 (2, 4, 3) 图片的特征向量",
    "2.1.vector_scaled": "你的向量里是除以 255 之后的像素值。image_to_vector 只改变形状；缩放数值是另一个步骤（练习 5，"
                         "normalize_pixels）。请返回图片本身的值。",
    "2.1.vector_values": "你的向量应该存放图片本身的值（0, 1, ..., 23），只是换了排列，但排序后它是 {sorted}...。"
                         "什么都不用计算，只需要 reshape。",
    "2.1.vector_by_channel": "你先列出了所有红色值，再是所有绿色值，最后是所有蓝色值。这种顺序本身也可以（讲义就是这样画的），"
                             "但这道练习要求 NumPy 的行优先顺序（row-major order）：一个像素接一个像素，每个像素的三个"
                             "颜色值挨在一起。",
    "2.1.vector_column_major": "你的向量先沿着图片的列往下走（列优先，Fortran 顺序）。请用 NumPy 默认的行优先顺序：沿每一行"
                               "从左到右，然后下一行。",
    "2.1.vector_order": "你的向量里是图片的值，但顺序不是 NumPy 的行优先顺序（{difference}）。`image.reshape(...)` "
                        "会保持这个顺序。",
    "2.1.image_to_vector.passed": "一张 (2, 4, 3) 的图片变成了 (24, 1) 的列向量",
    "2.1.count_boolean": "{name} 应该是一个计数，而不是布尔值 {value!r}。",
    "2.1.count_float": "{name} 是 {value!r}，一个浮点数：计数应该是整数。`/` 总是得到浮点数；请把各个维度相乘"
                       "（或者用 `//`）。",
    "2.1.count_type": "{name} 应该是整数，但它是 {type}：{value!r}。",
    "2.1.colour_images": "4x4 像素的彩色图片",
    "2.1.grayscale_images": "高 3 像素、宽 5 像素的灰度图片（一个通道）",
    "2.1.three_numbers": "请把三个数 (m_train, m_test, n_x) 作为一个元组返回，而不是 {result!r}。",
    "2.1.for_images": "对 {m_train} 张训练图片和 {m_test} 张测试图片（{what}）",
    "2.1.swapped": "{label}，m_train 和 m_test 弄反了：第一个参数放的是训练图片。",
    "2.1.counts": "{label}，m_train、m_test 应该是 {expected_train}、{expected_test}，但实际是 {m_train}、{m_test}："
                  "样本数是每个数组的第一个轴。",
    "2.1.n_x_pixels": "{label}，n_x 应该是 {right}，而不是 {n_x}：它数的是一张图片的所有值，即 高 x 宽 x 通道数"
                      "（{h} x {w} x {c}），而不只是像素个数。",
    "2.1.n_x_three": "{label}，n_x 应该是 {right}，而不是 {n_x}：这些图片只有 {c} 个通道，形状的最后一个轴就是这么说的。"
                     "请从形状里读出通道数，不要默认是 3。",
    "2.1.n_x_square": "{label}，n_x 应该是 {h} x {w} x {c} = {right}，而不是 {n_x}：图片不一定是正方形，所以高和宽都要用上。",
    "2.1.n_x_batch": "{label}，n_x 应该是 {right}，而不是 {n_x}：n_x 是“一张”图片的特征向量的长度，而不是整批图片的大小。",
    "2.1.n_x": "{label}，n_x 应该是 高 x 宽 x 通道数 = {right}，而不是 {n_x}。",
    "2.1.mismatch_size": "这些测试图片展开后有 16 个值，训练图片有 48 个：一个有 48 个权重（weight）的模型没法读它们。",
    "2.1.mismatch_layout": "两者展开后都是 24 个值，但 x 的第 k 项在两边是不同的像素（测试图片高 6、宽 4）：特征的含义就"
                           "不一样了。请比较形状，而不只是大小。",
    "2.1.shapes": "训练图片的形状为 {train}、测试图片的形状为 {test}",
    "2.1.with_shapes": "在{shapes}时，dataset_dimensions",
    "2.1.mismatch_accepted": "在{shapes}时，dataset_dimensions 返回了 {result!r}。{why}当测试图片的形状和训练图片不同时，"
                             "请抛出 ValueError。",
    "2.1.dataset_dimensions.passed": "彩色和灰度图片，拒绝了大小不一致的情况",
    "2.1.X_for_images": "m = 3 张形状为 (2, 2, 2) 的图片的 X",
    "2.1.batch_reshaped": "X 的形状对了，但第 0 列不是第 0 张图片：把整批图片直接 reshape 成 (n_x, m) 会把每张图片分散到"
                          "好几列里。请先把每张图片展平成一行（形状 (m, n_x)），再把行变成列。",
    "2.1.matrix_scaled": "X 里是除以 255 之后的像素值：images_to_matrix 只重新排列数值；缩放是练习 5 的事。",
    "2.1.column_mixed": "X 的第 {j} 列是 {column}，它们不是任何一张图片的值：每一列必须是一整张展开的图片。",
    "2.1.column_order": "X 的第 {j} 列放的是第 {holder} 张图片：请保持图片的顺序，第 j 张图片放在第 j 列。",
    "2.1.column_unrolled": "第 {j} 列放的是第 {j} 张图片的值，但顺序不对（{difference}）：请像 image_to_vector 那样，"
                           "按 NumPy 的行优先顺序展开每张图片。",
    "2.1.images_to_matrix.passed": "X 的形状是 (n_x, m) = (8, 3)，每列一张图片",
    "2.1.Y_for_5": "5 个标签的 Y",
    "2.1.Y_values": "Y 应该存放标签 1, 0, 0, 1, 1，但它是 {Y}。",
    "2.1.Y_order": "Y 是 {Y}：请保持标签的顺序，只改变形状。",
    "2.1.Y_for_list": "Python 列表 [0, 1, 1] 的 Y",
    "2.1.Y_list": "列表 [0, 1, 1] 的 Y 应该是 [[0, 1, 1]]，实际得到 {Y}。",
    "2.1.Y_for_booleans": "布尔标签的 Y",
    "2.1.Y_for_4_booleans": "4 个布尔标签的 Y",
    "2.1.Y_boolean_dtype": "布尔值 [True, False, True, True] 的 Y 应该存放整数 1 和 0，但它的 dtype 是 {dtype}。NumPy "
                           "不允许对两个布尔数组做 `Y_pred - Y` 这样的算术：请用 `.astype(int)` 转换。",
    "2.1.Y_booleans": "布尔值 [True, False, True, True] 的 Y 应该是 [[1, 0, 1, 1]]，实际得到 {Y}。",
    "2.1.Y_float_labels": "浮点标签 [0.0, 1.0] 的 Y 应该存放整数，但它是 {Y!r}：请用 `.astype(int)` 转换标签。",
    "2.1.labels_half": "转换之前先检查标签：`.astype(int)` 会把 0.5 变成 0。",
    "2.1.labels_accepted": "labels_to_row(np.array({bad})) 返回了 {result}，但标签 {which} 既不是 0 也不是 1：这不是"
                           "一个是/否问题的标签。请抛出 ValueError。{hint}",
    "2.1.labels_to_row.passed": "从数组、列表和布尔值得到形状为 (1, m) 的整数 Y",
    "2.1.normalised_X": "归一化后的 X",
    "2.1.divided_by_256": "你除以了 256，但 uint8 像素能取的最大值是 255：请除以 255，让白色正好变成 1.0。",
    "2.1.above_one": "normalize_pixels({values}) 的值最大到 {largest:g}：请除以 255，把它们缩放到 [0, 1] 之内。",
    "2.1.stretched": "normalize_pixels({values}) 把这张暗图片最亮的值 {brightest} 变成了 {largest:g}。除以图片自己的最大值"
                     "（或者拉伸它的范围）会让每张图片看起来一样亮；请把每张图片都除以 255，即任何 uint8 像素能取的"
                     "最大值，这样同一个值在所有图片里含义相同。",
    "2.1.normalised": "normalize_pixels({values}) 应该是 {expected}：{difference}。每个值应该是 像素 / 255。",
    "2.1.normalize_pixels.passed": "数值在 [0, 1] 之内，输入没有被改动",
    # 2.2 逻辑回归
    "2.2.overflow": "{what} 发出了警告 '{warning}'。指数的指数部分超过大约 709 时就会溢出（比任何浮点数都大）：z 非常负时是 e^(-z)，z 非常正时是 e^(z)。只对非正数取指数：当 z < 0 时，把 sigma(z) 改写成指数为 +z 的形式。注意 np.where(cond, a, b) 会对每一项同时计算 a 和 b，所以溢出仍然会在它里面发生。",
    "2.2.z_changed": "你的 sigmoid 改动了调用者的数组 z。对于浮点数组，`np.asarray(z, dtype=float)` 返回的就是 z 本身，而不是副本，所以往里面写（`z[...] = ...`、`z -= ...`、`np.clip(z, ..., out=z)`）会改动调用者的数据。请另建新数组，或者从副本开始：`z = np.array(z, dtype=float)`。",
    "2.2.of_array": "数组 z 的 sigmoid(z)",
    "2.2.of_shape_5": "形状为 (5,) 的 z 的 sigmoid(z)",
    "2.2.one_minus": "你的值是 1 - sigma(z)：指数里的符号错了。公式是 1 / (1 + e^(-z))。",
    "2.2.formula": "检查公式 sigma(z) = 1 / (1 + e^(-z))。",
    "2.2.of_matrix": "(2, 2) 数组的 sigmoid",
    "2.2.every_entry": "对每一项都应用 sigma，并保持形状不变。",
    "2.2.of_integers": "整数数组的 sigmoid",
    "2.2.integer_hint": "对整数输入用 np.zeros_like / np.empty_like 建立的输出数组是整数数组，所以值会被截断成 0 或 1。请先转换输入：np.asarray(z, dtype=float)。",
    "2.2.integer_dtype": "sigmoid(np.array([-1, 0, 2])) 应该存放浮点数，但它的 dtype 是 {dtype}。{hint}",
    "2.2.tails_infinite": "sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4]) 得到 {tails}：出现 inf 或 nan 说明公式溢出了。只对非正数取指数。",
    "2.2.tails_outside": "sigmoid([-1e4, -1000, -800, -40, 40, 800, 1e4]) 得到 {tails}：每个值都应该在 [0, 1] 之内。",
    "2.2.tails": "远离 0 时，左边的值应该（几乎）是 0，右边的应该是 1。",
    "2.2.symmetry_name": "sigmoid(-z) 与 1 - sigmoid(z) 的比较",
    "2.2.symmetry": "sigmoid 函数关于点 (0, 0.5) 对称：你的两个分支（z >= 0 和 z < 0）结果不一致。",
    "2.2.sigmoid.passed": "数组、单个数、整数都对，|z| 直到 1e4 都不溢出",
    "2.2.limits": "sigmoid([-1e4, 1e4]) 在 float64 下应该正好是 [0.0, 1.0]，实际得到 {limits}。截断 z（例如截到 [-500, 500]）虽然避免了溢出，却会留下 7e-218 这样的值而不是 0：请改写 z < 0 时的公式，而不是截断。",
    "2.2.tail_accuracy": "sigmoid({z:g}) 应该是 {expected:.10g}，但你的是 {actual:.10g}（相对误差 {error:.1e}，超过了 1e-9）。对负的 z 用 1 - sigma(-z) 来算 sigma(z)，会丢掉这些极小值的全部有效数字（1 - 0.99999... 相互抵消），而截断 z 会把它们换成一个常数。请对 z < 0 使用既不从 1 中减、也不截断的公式。",
    "2.2.challenge.passed": "极限值精确，尾部准确",
    "2.2.loop_index": "predict_proba 一次取出 X 里的一个样本（对样本做了循环）。请一次算出全部 m 个：w 的转置与 X 做一次矩阵乘法，就得到 (1, m) 的一行得分。",
    "2.2.loop_iter": "predict_proba 对 X 的样本做了循环。请一次算出全部 m 个：w 的转置与 X 做一次矩阵乘法，就得到 (1, m) 的一行得分。",
    "2.2.A_for_4": "n_x = 2、m = 4 个样本时的 A",
    "2.2.no_sigmoid": "A 就是 w^T X + b 本身：你忘了让它通过 sigmoid 函数，所以它不是概率。",
    "2.2.minus_b": "A 看起来是 sigma(w^T X - b)：应该加上 b，而不是减去。",
    "2.2.b_outside": "A 看起来是 sigma(w^T X) + b：应该在 sigmoid 之前把 b 加到得分 z 上，而不是加到概率上。",
    "2.2.compute_A": "先算 z = w^T X + b（w 的转置乘以 X），再算 z 的 sigmoid。",
    "2.2.A_for_one": "一个样本的 A",
    "2.2.A_for_single": "单个样本（形状为 (2, 1) 的 X）的 A",
    "2.2.A_for_example": "单个样本 [[0], [-1]] 的 A",
    "2.2.A_for_b": "b = {b!r} 时的 A",
    "2.2.any_b": "b 可以是任何一种数：Python 浮点数、NumPy 数或 0 维数组。原样把它加到每个得分上即可。",
    "2.2.A_for_12": "m = 12 个样本时的 A",
    "2.2.predict_proba.passed": "A 的形状是 (1, m)，一次算出所有样本",
    "2.2.inverted": "你的标签反了：概率至少达到阈值时预测 1。",
    "2.2.compared_z": "threshold=0.5 时，最后一个样本的 z = w^T x + b = 0.3，y_hat = sigma(0.3) = 0.57，所以它的标签应该是 1。请用概率 y_hat 和阈值比较，而不是用 z。",
    "2.2.strictly_greater": "第四个样本的 y_hat 正好是 0.5，等于阈值：它的标签应该是 1（用 >= threshold，而不是 > threshold；np.round 会把 0.5 舍成 0）。",
    "2.2.label_rule": "y_hat >= threshold 的地方标 1，其余标 0。",
    "2.2.without_threshold": "不给阈值时的 predict(w, b, X)",
    "2.2.default_threshold": "predict(w, b, X) 应该等于 predict(w, b, X, threshold=0.5)：默认阈值是 0.5，但它们分别是 {default} 和 {labels}。",
    "2.2.with_015": "threshold=0.15 时的预测",
    "2.2.threshold_ignored": "threshold=0.15 时你的标签没有变化：请把 y_hat 和参数 `threshold` 比较，而不是和固定的 0.5 比较。",
    "2.2.compare_after_sigmoid": "请把概率 y_hat（经过 sigmoid 之后）和阈值比较。",
    "2.2.compare": "请把概率 y_hat 和阈值比较。",
    "2.2.predict.passed": "形状为 (1, m) 的整数标签，y_hat >= 阈值，遵守给定的阈值",
    # 2.3 代价函数
    "2.3.summed": "这是损失的总和。代价是它们的平均值：请除以 m。对于形状为 (1, m) 的 Y，len(Y) 和 Y.shape[0] 都是 1；样本数是 Y.shape[1]。",
    "2.3.broadcast": "你的代价把每个预测和每个标签都混在了一起：(1, m) 的数组乘以 (m, 1) 的数组会广播成 m x m 的矩阵。请把 Y 和 log(A) 逐元素相乘（两者形状都是 (1, m)），或者用 np.dot(Y, np.log(A).T)。",
    "2.3.negative": "你的代价是负的：你漏掉了损失前面的负号。小于 1 的数取对数是负的，所以 L = -(y log(a) + (1 - y) log(1 - a)) 是正的。",
    "2.3.swapped": "你把 a 和 1 - a 弄反了：y = 1 时损失是 -log(a)，y = 0 时是 -log(1 - a)。",
    "2.3.log10": "你用了以 10 为底的对数。损失函数用的是自然对数 np.log。",
    "2.3.squared_error": "这是平方误差 (1/2)(a - y)^2，不是交叉熵损失。",
    "2.3.only_y1": "只有 y = 1 的那一项：请为 y = 0 的样本加上 (1 - y) log(1 - a)。",
    "2.3.only_y0": "只有 y = 0 的那一项：请为 y = 1 的样本加上 y log(a)。",
    "2.3.not_averaged": "{name} 应该是单个数，但它是一个形状为 {shape} 的数组：请对样本的损失取平均，而不是直接返回它们。",
    "2.3.mistake": "cost(A, Y) = {value:.6f}。{hint}",
    "2.3.formula": "J = (1/m) * 各个损失 -(y log(a) + (1 - y) log(1 - a)) 之和。",
    "2.3.for_4": "m = 4 时的 cost(A, Y)",
    "2.3.divide_by_m": "请除以样本数 m = Y.shape[1]。",
    "2.3.of_one": "一个样本的代价",
    "2.3.one_example": "只有一个样本时，代价就是这个样本的损失，这里是 -log(1 - 0.25)。",
    "2.3.cost.passed": "损失的平均值，单个数",
    "2.3.overflow": "{what} 发出了警告 '{warning}'。z 很大时 e^z 会溢出，而 sigmoid(1e4) 正好是 1.0，于是 log(1 - a) 就是 log(0)。请用 z 来写损失，永远不要对很大的正数取指数（np.logaddexp(0, z) 能安全地算出 log(1 + e^z)）。",
    "2.3.logits_summed": "你把损失加起来了：代价是它们的平均值，请除以 m。",
    "2.3.logits_formula": "它应该等于 A = sigmoid(Z) 的代价：log(1 + e^z) - y z 的平均值。",
    "2.3.infinite": "cost_from_logits({z}, {y}) 是 {value}：某处取了 log(0)（或者 e^z 溢出了）。请直接用 z 计算，而不是先算 sigmoid(z)。",
    "2.3.clipped": "截断概率（例如截到 [1e-15, 1 - 1e-15]）能让代价保持有限，但结果是错的：一个 z = 1e4 的错误预测，代价应该约为 1e4。请用公式 log(1 + e^z) - y z。",
    "2.3.cost_from_logits.passed": "|z| 直到 1e4 都有限且正确",
    "2.3.tiny": "z 非常负时，log(1 + e^z) 是一个极小的正数（约等于 e^z）；先算 1 + e^z 会把它舍入成 1，而 log(1) = 0。np.log1p(x) 能对很小的 x 准确地算出 log(1 + x)；np.logaddexp(0, z) 能一步算完。",
    "2.3.not_zero": "cost_from_logits([[5000, -3000]], [[1, 0]]) = {value!r}，但两个预测都毫无疑问是对的，真实的代价约为 e^-3000，舍入后就是 0。把 log(1 + e^-5000) 这样的剩余项当作两个大数之差来算，得到的只是舍入误差：请把损失写成不需要减去大数的形式。",
    "2.3.challenge.passed": "极小的损失精确到 1e-9，零就是零",
}
