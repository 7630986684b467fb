"""Writes mixed.csv: 60 rows with numbers, whole numbers, categories (messy spellings and
padding), text, dates, booleans and missing values in most columns, for the SQL equivalence
recipe case. Deterministic: python3 tests/equivalence/data/make_mixed.py"""

import csv
import os
import random

random.seed(21)
cities = ["Paris", "paris", " Lyon", "Lyon ", "Nice", "NICE", "Lille", "Brest", "Metz"]
plans = ["basic", "pro", "team"]
words = ["quick", "Brown", "fox", "jumps", "over", "the", "lazy", "dog", "Data", "SQL"]
rows = []
for i in range(60):
    age = "" if i % 9 == 4 else f"{random.uniform(18, 80):.1f}"
    income = "" if i % 11 == 3 else ("0" if i % 13 == 5 else f"{random.lognormvariate(10, 0.8):.2f}")
    city = "" if i % 10 == 7 else random.choice(cities)
    plan = random.choice(plans)
    note = "" if i % 8 == 6 else " ".join(random.choice(words) for _ in range(random.randint(1, 5)))
    day = "" if i % 12 == 9 else f"2024-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"
    active = "" if i % 15 == 2 else random.choice(["true", "false"])
    visits = str(random.randint(-3, 40))
    churned = "yes" if random.random() < 0.4 else "no"
    rows.append([i + 1, age, income, city, plan, note, day, active, visits, churned])
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mixed.csv"), "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["id", "age", "income", "city", "plan", "note", "signed_up", "active", "visits", "churned"])
    writer.writerows(rows)
