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
}
