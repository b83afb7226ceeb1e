"""What a team with no (or too little) history is assumed to look like: figures from SiP.

Source: "SiP Task Effort Estimation, 2019, Dr Stephen Cullum / Software in Partnership Limited.
Licensed under CC BY-NC-ND 4.0" (github.com/Derek-Jones/SiP_dataset; Jones and Cullum,
arXiv:1901.01621). Derived figures only, never the data: 8,196 finished tasks (2004-2014),
converted with ``shared/data/sip/to_history.py``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["MIN_OWN_HISTORY_TASKS", "SIP_RATIO_QUANTILES", "SIP_SHARED_SPREAD_LOG_SD"]

# Quantiles of actual/estimate at p = 0.025, 0.050, ..., 0.975 over all 8,196 SiP tasks
# (median 1.00, mean 1.29; a third of tasks report actual == estimate; heavy right tail).
# Drawing uniformly among these 39 points is a stratified stand-in for the SiP ratio distribution.
SIP_RATIO_QUANTILES = np.array(
    [
        0.15, 0.25, 0.37, 0.45, 0.5, 0.5, 0.62, 0.67, 0.75, 0.75, 0.83, 0.88, 0.97,
        1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
        1.12, 1.21, 1.25, 1.4, 1.5, 1.67, 1.93, 2.0, 2.42, 3.0, 4.38,
    ],
    dtype=np.float64,
)  # fmt: skip
SIP_RATIO_QUANTILES.setflags(write=False)

# Floor of the log-sd of the multiplier shared by all tasks of one forecast (a project running over
# or under as a whole). SiP shows no between-project spread beyond task-level noise (estimate 0),
# yet a floor of 0.1 calibrates its upper tail best: P95 met 93 % with 0, 95 % with 0.1, while
# 0.2-0.3 over-widen (backtest table in docs/forecasting.md).
SIP_SHARED_SPREAD_LOG_SD = 0.1

# Below this many finished tasks the team's own ratios are pooled with the SiP quantiles above.
MIN_OWN_HISTORY_TASKS = 20
