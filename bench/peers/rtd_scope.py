"""Independent recomputation (pandas) of a cluster's co-participation tie-scope shares, for the test of
`milieu rtd`. Input JSON on stdin: {"participations": path to h2020-participations.csv.gz,
"members": [pic, ...] (the cluster's organisations), "countries": {pic: country}, "european": [codes]}.
Output JSON: counts of distinct co-participation pairs with at least one end in the cluster, by scope.

Run with Debian's interpreter: /usr/bin/python3 bench/peers/rtd_scope.py < input.json
"""
import json
import sys

import pandas as pd


def main():
    spec = json.load(sys.stdin)
    members = set(spec["members"])
    countries = spec["countries"]
    european = set(spec["european"])
    df = pd.read_csv(spec["participations"], usecols=["rcn", "pic"], dtype=str, keep_default_na=False)
    df = df.drop_duplicates()
    touching = df[df["pic"].isin(members)]["rcn"].unique()
    sub = df[df["rcn"].isin(touching)]
    pairs = sub.merge(sub, on="rcn")
    pairs = pairs[pairs["pic_x"] < pairs["pic_y"]][["pic_x", "pic_y"]].drop_duplicates()
    pairs = pairs[pairs["pic_x"].isin(members) | pairs["pic_y"].isin(members)]
    # cluster country: most common country among members
    member_countries = pd.Series([countries.get(p) for p in members]).dropna()
    home = member_countries.value_counts().index[0]
    counts = {"intra": 0, "national": 0, "european": 0, "outside": 0, "unknown": 0}
    for a, b in zip(pairs["pic_x"], pairs["pic_y"]):
        if a in members and b in members:
            counts["intra"] += 1
            continue
        other = b if a in members else a
        c = countries.get(other)
        if c is None:
            counts["unknown"] += 1
        elif c == home:
            counts["national"] += 1
        elif c in european and home in european:
            counts["european"] += 1
        else:
            counts["outside"] += 1
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
