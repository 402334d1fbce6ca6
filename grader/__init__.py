"""Instructor tooling over nbgrader: generate student copies, execute masters, autograde a class.

Modules:
- `course`, `notebooks`, `release`, `execute`, `scoring`: the course layout, notebook normalisation, `release`,
  `execute-solutions`, and `scoring.autograde` (stock nbgrader, used by the pipeline tests).
- `intake`: reads submission folders and zips safely (no traversal, no symlinks) and repairs notebooks.
- `job`: `grade_one(Job) -> result`, one submission in its own scratch nbgrader course; picklable in and JSON out,
  so jobs can run in any process or on any worker.
- `execution`: nbgrader's Execute step hardened (time limits, dead kernels, output caps, visible/hidden split,
  tamper probe); `sandbox`: the kernel's bubblewrap sandbox and rlimits; `kernel_users`: a uid of its own per
  kernel (its own process budget; what it leaves running is killed); `warm` and `_zygote`: kernels forked
  from a process that has done the imports; `_launch`: starts a kernel under limits; `cheating`: tamper detection.
- `store`: the course directory, the results journal and the single gradebook writer; `runner`: batches;
  `reports`: feedback HTML and exports; `__main__`: the command line (`course-grader`); `console`: what a
  command prints while it runs; `stopping`: SIGINT/SIGTERM, and a batch's processes and temporary folder.
"""
