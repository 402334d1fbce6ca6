"""Instructor tooling over nbgrader: generate student copies, execute masters, autograde a class.

Modules:
- `course`, `notebooks`, `release`, `execute`: the course layout, notebook normalisation, `release` and
  `execute-solutions`.
- `assignment`: a master and its release (answer cells, test cells, the visible/hidden split by nbgrader's own
  delimiters, secret lines, a completed copy).
- `intake`: reads submission folders and zips safely (no traversal, no symlinks) and repairs notebooks.
- `results`: the typed result of one submission (cell scores, problems, flags, events) and its journal format.
- `job`: `grade_one(Job) -> Result`, one submission in its own scratch nbgrader course; picklable in and out, so
  jobs can run in any process or on any worker; `GRADER_VERSION`, derived from the grading modules' source.
- `scratch`: the scratch nbgrader courses (configuration, the kernel wiring, templates, the gradebook schema);
  `explain`: why a test cell lost points; `feedback_notebook`: the student's notebook, hidden tests removed.
- `execution`: nbgrader's Execute step hardened (time limits, dead kernels, output caps, visible/hidden split);
  `kernel_messages`: talking to a kernel; `tamper_probe`: asking a kernel whether it was tampered with;
  `sandbox`: the kernel's bubblewrap sandbox and rlimits; `kernel_users`: a uid of its own per kernel (its own
  process budget; what it leaves running is killed); `warm` and `_zygote`: kernels forked from a process that has
  done the imports; `_launch`: starts a kernel under limits; `cheating`: tamper detection.
- `store`: the course directory, the results journal and the single gradebook writer; `runner`: batches;
  `reports`: feedback HTML and exports; `__main__`: the command line (`course-grader`); `console`: what a
  command prints while it runs; `stopping`: SIGINT/SIGTERM, and a batch's processes and temporary folder.
"""
