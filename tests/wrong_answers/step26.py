"""Plausible wrong answers to the exercises of notebooks/step26.ipynb (see tests/test_wrong_answers.py)."""

WALK = '''def count_functions(output):
    counts = {}
    funcs = [output.creator]
    seen_set = {output.creator}
    while funcs:
        f = funcs.pop()
        name = type(f).__name__
        counts[name] = counts.get(name, 0) + 1
        for x in f.inputs:
            if x.creator is not None and x.creator not in seen_set:
                funcs.append(x.creator)
                seen_set.add(x.creator)
    return counts'''

WRONG_ANSWERS = {
    "ex1-answer": [
        "def my_prediction():\n    return 5, 5",  # x -> Mul written once
        "def my_prediction():\n    return 6, 6",  # x counted as two nodes
        "def my_prediction():\n    return 5, 4",  # the edges of the inputs only
        "def my_prediction():\n    return 2, 6",  # functions only
        "def my_prediction():\n    return [5, 6]",  # a list, not a tuple
    ],
    "ex2-answer": [
        # no seen_set: a function reached through several uses of its output is counted each time
        WALK.replace("    seen_set = {output.creator}\n", "")
            .replace(" and x.creator not in seen_set", "").replace("                seen_set.add(x.creator)\n", ""),
        # the output's own creator left out
        WALK.replace("    funcs = [output.creator]\n", "    funcs = [x.creator for x in output.creator.inputs "
                     "if x.creator is not None]\n"),
        # the class itself as key instead of its name
        WALK.replace("name = type(f).__name__", "name = type(f)"),
        # each class counted once
        WALK.replace("counts.get(name, 0) + 1", "1"),
        # variables counted as well
        WALK.replace("        for x in f.inputs:\n",
                     "        for x in f.inputs:\n            counts['Variable'] = counts.get('Variable', 0) + 1\n"),
    ],
}
