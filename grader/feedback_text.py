"""Every word the grader writes for a student (the feedback notebook and page), one table per language.

A submission's language is its notebook's metadata `"language"` (the release step writes `"zh-CN"` into every Chinese
copy); anything else is English. Its kernel runs with `COURSE_LANGUAGE` set to it (so the checks speak it too), and
its feedback is written in it. What instructors read (reasons in report.json, review, export) stays English.
Both tables hold the same keys with the same format fields (tests/test_feedback_page.py).
"""

from __future__ import annotations

from collections.abc import Mapping

ENGLISH = "en"

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "page_title": "Feedback: {lecture}",
        "title": "Feedback: {lecture}, student {student}",
        "score": "**Score: {score:g} / {max_score:g}**",
        "late_note": " ({sentence})",
        "late_note_penalty": " ({sentence}; {raw_score:g} before the penalty)",
        "summary_line": "- `{grade_id}`: {score:g} / {max_score:g}",
        "summary_line_why": "- `{grade_id}`: {score:g} / {max_score:g}: {feedback}",
        "problems": "**Problems found in the submission**",
        "score_line": "{mark} {grade_id}: {score:g} / {max_score:g}",
        "score_line_why": "{mark} {grade_id}: {score:g} / {max_score:g} ({feedback})",
        "mark": "[grader]",
        # why a test lost points
        "no_notebook": "no notebook submitted",
        "unreadable": "the notebook could not be read: {error}",
        "crash": "the kernel died while this test ran (crash, exit or memory limit)",
        "timeout": "the test did not finish within {seconds} s (time limit)",
        "budget": "not run: the notebook used up its {seconds} s time budget",
        "stderr": "the visible check wrote to stderr (nbgrader fails a test cell that writes to stderr)",
        "visible_failed": "visible check failed: {ename}: {message}",
        "hidden_failed": "passed the visible checks but failed the hidden tests, which use other inputs (other shapes, "
                         "sizes or values)",
        "test_failed": "the test failed",
        # a reviewer's changes
        "reviewed": "score set by your instructor on review (the tests gave {auto_score:g})",
        "reviewed_extra": "score set by your instructor on review (the tests gave {auto_score:g}), including "
                          "{extra_credit:g} extra credit",
        "comments": "**Comments from your instructor**",
        # the deadline
        "no_timestamp": "no submission time was recorded: no late penalty applied",
        "on_time": "submitted on time",
        "late": "submitted {duration} after the deadline: {cost}",
        "no_penalty": "no penalty",
        "minus_point": "-{points:g} point",
        "minus_points": "-{points:g} points",
        "days": "{n} d", "hours": "{n} h", "minutes": "{n} min", "seconds": "{n} s",
        # what the grader puts in a cell's outputs
        "not_run_output": "not run: the notebook used up its time budget ({seconds} s)",
        "kernel_died_output": "the kernel died while running this cell (it may have exited, crashed or run out of "
                              "memory); the cells after it ran in a fresh kernel",
        "kernel_stuck_output": "the cell did not finish and the kernel stopped answering; the cells after it ran in a "
                               "fresh kernel",
        "output_capped": "[grader: output beyond {bytes} bytes dropped]",
    },
    "zh-CN": {
        "page_title": "反馈：{lecture}",
        "title": "反馈：{lecture}，学生 {student}",
        "score": "**得分：{score:g} / {max_score:g}**",
        "late_note": "（{sentence}）",
        "late_note_penalty": "（{sentence}；扣分前为 {raw_score:g} 分）",
        "summary_line": "- `{grade_id}`：{score:g} / {max_score:g}",
        "summary_line_why": "- `{grade_id}`：{score:g} / {max_score:g}：{feedback}",
        "problems": "**提交的笔记本中发现的问题**",
        "score_line": "{mark} {grade_id}：{score:g} / {max_score:g}",
        "score_line_why": "{mark} {grade_id}：{score:g} / {max_score:g}（{feedback}）",
        "mark": "[评分]",
        "no_notebook": "没有提交笔记本",
        "unreadable": "无法读取这个笔记本：{error}",
        "crash": "运行这项测试时内核终止了（崩溃、主动退出或超出内存限制）",
        "timeout": "这项测试没有在 {seconds} 秒内完成（时间限制）",
        "budget": "没有运行：整个笔记本已用完 {seconds} 秒的时间预算",
        "stderr": "可见检查向 stderr 输出了内容（向 stderr 输出内容的测试单元格，nbgrader 判为不通过）",
        "visible_failed": "可见检查没有通过：{ename}: {message}",
        "hidden_failed": "通过了可见检查，但没有通过隐藏测试（隐藏测试换用了别的输入：不同的形状、大小或数值）",
        "test_failed": "测试没有通过",
        "reviewed": "此分数由老师复核后给出（测试给出的是 {auto_score:g} 分）",
        "reviewed_extra": "此分数由老师复核后给出（测试给出的是 {auto_score:g} 分），"
                          "其中含 {extra_credit:g} 分额外加分",
        "comments": "**老师的评语**",
        "no_timestamp": "没有记录提交时间：不扣迟交分",
        "on_time": "按时提交",
        "late": "比截止时间晚 {duration}提交：{cost}",
        "no_penalty": "不扣分",
        "minus_point": "扣 {points:g} 分",
        "minus_points": "扣 {points:g} 分",
        "days": "{n} 天", "hours": "{n} 小时", "minutes": "{n} 分钟", "seconds": "{n} 秒",
        "not_run_output": "没有运行：整个笔记本已用完 {seconds} 秒的时间预算",
        "kernel_died_output": "运行这个单元格时内核终止了（可能是主动退出、崩溃或内存耗尽）；"
                              "之后的单元格在新的内核中运行",
        "kernel_stuck_output": "这个单元格没有运行完，内核也不再响应；之后的单元格在新的内核中运行",
        "output_capped": "[评分：超过 {bytes} 字节的输出已被丢弃]",
    },
}
LANGUAGES = tuple(TEXT)

# A problem with the submission (intake's and the job's `Problem`s, by kind) as a student of another language reads
# it; English pages show the problem's own message, which names files and cells in full.
PROBLEMS: dict[str, dict[str, str]] = {
    "zh-CN": {
        "bad-cells": "笔记本里有格式损坏的单元格，已被丢弃",
        "bad-timestamp": "timestamp.txt 里的提交时间无法识别，已忽略",
        "cell-type": "单元格 {grade_id} 的类型被改过，nbgrader 已把它改回",
        "duplicated-cell": "单元格 {grade_id} 出现了不止一次，只评最后一份",
        "extra-notebook": "提交里有不属于本作业的笔记本，已忽略",
        "kernel": "笔记本指定的内核与本作业不同，评分时使用本作业的内核",
        "lms-late": "Canvas 把这份提交标记为迟交（下载的文件里没有提交时间）",
        "locked-cell-edited": "锁定的单元格 {grade_id} 被改动过，已按原版恢复",
        "missing-answer-cell": "答案单元格 {grade_id} 被删除了（或丢失了元数据）",
        "missing-notebook": "没有找到笔记本：每项测试都记 0 分",
        "missing-test-cell": "测试单元格 {grade_id} 被删除了，已按原版重新加入",
        "old-format": "笔记本是旧版格式，已转换为第 4 版格式",
        "renamed-notebook": "笔记本的文件名与作业要求的不同，仍按本作业评分",
        "same-name": "同一次下载里另有一位同名的学生：请向老师确认这份提交记在了你的名下",
        "unknown-cell": "有单元格带着本作业里没有的 nbgrader 编号，已按普通单元格处理",
        "unreadable": "无法读取这个笔记本",
    },
}


def language_of(metadata: Mapping) -> str:
    """A notebook's language from its metadata: one of LANGUAGES, English for anything else."""
    language = metadata.get("language")
    return language if language in TEXT else ENGLISH


def say(language: str, key: str, **fields) -> str:
    """The text `key` in `language` (English for a language without a table), its fields filled in."""
    return TEXT.get(language, TEXT[ENGLISH])[key].format(**fields)


def problem(language: str, kind: str, message: str, grade_id: str | None = None) -> str:
    """A problem with the submission in `language`: its own (English) `message` where there is no translation."""
    text = PROBLEMS.get(language, {}).get(kind)
    return text.format(grade_id=grade_id or "") if text else message


def score_line_grade_id(text: str) -> str | None:
    """The test cell a feedback score line (`say(..., "score_line")`, any language) is about; None for other text."""
    for table in TEXT.values():
        if text.startswith(table["mark"] + " "):
            return text[len(table["mark"]) + 1:].replace("：", ":").split(":", 1)[0]
    return None
