"""The controls folder: the controllers' decisions as files, the form in which a run reads
its snapshot of the warehouse's store (review.store.folder writes it) and in which an
older warehouse's decisions are imported (`toteuma controls import`).

    controls/
      waivers.yaml          accepted deviations, by rule
      signers.yaml          the approvers and their units (for reading; rights are grants)
      signoffs.yaml         every sign-off: date, unit, by whom, when, fingerprint
      approved/<kunta>/<date>/<unit>-<time>.csv   the figures each sign-off approved
      explanations/<kunta>/<unit>/<date>.md       the narrative and line explanations

Every run reads its snapshot folder (warehouse.controls.load); decisions are made in the
store (review.store.decisions), never by editing these files.
"""
