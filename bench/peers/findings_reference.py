"""Independent recomputation (pandas) of four findings of `milieu check` on CORDIS participations, for
the real-data test of the findings (test/findings/real.test.ts).

Input JSON on stdin:
  {"participations": path to h2020-participations.csv.gz, "maxProjectSize": 30,
   "regions": {region id: [pic, ...] (its organisations)},
   "kinds": {pic: organisation kind}, "countries": {pic: country}}
Output JSON: per region, the numbers behind
  - university-collaboration-limited: local firms, and those sharing a project with a local university;
  - local-links-common: local firms, and those sharing a project with another local firm;
  - university-links-outside: local firms with a university partner, their distinct firm-university
    pairs, and the pairs whose university is local;
  - local-and-global-together: Spearman's rho between each local firm's local and non-local distinct
    partners (non-local: the partner's country and the firm's are both known), over the firms with at
    least one partner of known scope.
Co-participation: two organisations are partners when they share a project of at most maxProjectSize
distinct organisations.

Run with Debian's interpreter: /usr/bin/python3 bench/peers/findings_reference.py < input.json
"""
import json
import sys

import pandas as pd


def main():
    spec = json.load(sys.stdin)
    kinds = spec["kinds"]
    countries = spec["countries"]
    cap = spec["maxProjectSize"]
    df = pd.read_csv(spec["participations"], usecols=["rcn", "pic"], dtype=str, keep_default_na=False)
    df = df[(df["pic"] != "") & (df["rcn"] != "")].drop_duplicates()
    # every participant counts as covered by the project data, whatever the size of its projects
    participants = set(df["pic"])
    size = df.groupby("rcn")["pic"].nunique()
    df = df[df["rcn"].isin(size[size <= cap].index)]
    out = {}
    for region, member_list in spec["regions"].items():
        members = set(member_list)
        local_firms = {p for p in members if kinds.get(p) == "firm" and p in participants}
        touching = df[df["pic"].isin(local_firms)]
        projects = touching["rcn"].unique()
        sub = df[df["rcn"].isin(projects)]
        pairs = touching.merge(sub, on="rcn")
        pairs = pairs[pairs["pic_x"] != pairs["pic_y"]][["pic_x", "pic_y"]].drop_duplicates()
        pairs = pairs.rename(columns={"pic_x": "firm", "pic_y": "partner"})
        pairs["partner_kind"] = pairs["partner"].map(kinds)
        pairs["partner_local"] = pairs["partner"].isin(members)
        uni = pairs[pairs["partner_kind"] == "university"]
        local_uni = uni[uni["partner_local"]]
        local_firm_partner = pairs[pairs["partner_local"] & (pairs["partner_kind"] == "firm")]

        # scope of each pair: local (both members), non-local (both countries known), else unknown
        firm_country = pairs["firm"].map(countries)
        partner_country = pairs["partner"].map(countries)
        known = pairs["partner_local"] | (firm_country.notna() & partner_country.notna())
        scoped = pairs[known]
        counts = scoped.groupby("firm")["partner_local"].agg(local="sum", total="count")
        counts["external"] = counts["total"] - counts["local"]
        rho = None
        if len(counts) >= 2:
            r = counts["local"].rank().corr(counts["external"].rank())
            rho = None if pd.isna(r) else float(r)

        out[region] = {
            "localFirms": len(local_firms),
            "withLocalUniversity": int(local_uni["firm"].nunique()),
            "withLocalFirm": int(local_firm_partner["firm"].nunique()),
            "firmsWithUniversity": int(uni["firm"].nunique()),
            "firmUniversityPairs": int(len(uni)),
            "localFirmUniversityPairs": int(len(local_uni)),
            "firmsWithScopedTie": int(len(counts)),
            "rho": rho,
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
