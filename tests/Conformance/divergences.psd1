@{
    # Divergences between the emulator and recorded live Azure that are known and not fixed, one entry per
    # (recording, interaction, check) with the reason. Listed ones do not fail the conformance run; an entry that no
    # longer occurs does, so this list can only shrink. Checks are named in Compare.ps1.
    Divergences = @(
    )
}
