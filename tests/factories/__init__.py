"""Test and benchmark data, one module per domain. Tests and bench/ both import from here.

    accounts      users and their roles (`make_user`, `make_person`, `applicant_for`,
                  `programme_staff`), the test password
    applications  rounds and bids: `make_bid` (sections complete; `submitted=True` submits
                  through applications.bids.submit), `withdrawn`, colleagues, the question
                  pages' POST data and `fill_all`
    scoring       the demo criteria (scoring.demo.CRITERIA, saved with save_criteria),
                  assessors and their organisations, screening (`mark_eligible`,
                  `eligible_bid`), assignments (`assign`) and scores (`submitted_assessment`)
    selection     a small hand-made round for the ranking tests, and `decide`
    cohorts       bids with the panel's decisions (`decided_bids`), dates, email backends
    bulk          the one bulk seeder for large rounds (benchmarks, query-count tests)
    emails        `delivered()`: a set-up's own emails (confirmations, invitations) sent by
                  the product's sender and listed, so a test counts only its own kind
    browser       Playwright: signing in as a person would, axe-core checks

Every helper except `bulk` reaches its state through the product's own functions (submit,
screen, assign, score, decide, withdraw), so a test cannot pass on a state the product
refuses. `bulk` writes with bulk_create only states those functions produce (see its
docstring for exactly what it leaves out).
"""
