"""The controls folder: the controllers' decisions, under version control.

    controls/
      waivers.yaml          accepted deviations, by rule (`toteuma waive` writes entries)
      signers.yaml          who may sign off which units (OS user -> units)
      signoffs.yaml         every sign-off: date, unit, by whom, when, fingerprint
      approved/<kunta>/<date>/<unit>-<time>.csv   the figures each sign-off approved
      explanations/<kunta>/<unit>/<date>.md       the narrative and line explanations

Every run reads the folder (warehouse.controls.load); no run writes it. Only the
commands a person runs (`toteuma waive`, `toteuma signoff`) add to it.
"""
