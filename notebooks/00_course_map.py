# %% [markdown]
# # Test

# %%
from ann_helpers.widgets import slider
from ann_helpers.explorers import all_explorers
print(1 + 1)

# %% tags=["nbval-ignore-output"]
slider("lr", 0.1, 0.0, 1.0, 0.1)

# %% jupyter={"source_hidden": true}
print("solution")
