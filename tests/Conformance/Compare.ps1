# What a client of the module sees, recorded answer versus the emulator's: named checks, each a possible divergence.
#   status                 HTTP status code
#   header:<name>          Azure-AsyncOperation / Location present in one answer and not the other (2xx only)
#   lro-states             the poll states (repeats folded): the emulator's must be a subsequence ending in the same state
#   lro-result             the HTTP status of the last Location poll (e.g. Network's operationResults 204)
#   error-code             error.code of a 4xx/5xx answer
#   body:<path>            a field the module reads or writes (BodyFields), compared wherever it appears in the body:
#                          every recorded key must be there with the same value (strings case-insensitive), list items
#                          that are ARM resources are matched by name, other lists by position.

$script:BodyFields = [System.Collections.Generic.HashSet[string]]::new([string[]]@(
        'provisioningState', 'privateLinkServiceConnectionState', 'networkAcls', 'networkRuleSet', 'ipRules', 'virtualNetworkRules'
        'ipSecurityRestrictions', 'scmIpSecurityRestrictions', 'apiServerAccessProfile', 'securityRules', 'defaultAction'
        'publicNetworkAccess', 'trustedServiceAccessEnabled', 'startIpAddress', 'endIpAddress', 'roleDefinitionId', 'principalId'
        'issuer', 'subject', 'audiences', 'peeringState', 'peeringSyncLevel', 'actions', 'notActions'
    ), [StringComparer]::OrdinalIgnoreCase)
# Values that differ by nature between two runs.
$script:VolatileFields = [System.Collections.Generic.HashSet[string]]::new([string[]]@(
        'etag', 'systemData', 'createdOn', 'updatedOn', 'createdBy', 'updatedBy', 'startTime', 'endTime'
    ), [StringComparer]::OrdinalIgnoreCase)
$script:TerminalStates = 'Succeeded', 'Failed', 'Canceled'

function Compare-Exchange {
    param($Exchange, $Polls, $Replay)
    $found = [System.Collections.Generic.List[object]]::new()
    $answer = $Replay.Answer
    if ($answer.Status -ne $Exchange.Status) {
        $code = { param($text) $c = Get-Field (ConvertFrom-BodyJson $text) 'error' 'code'; if ($c) { " $c" } }
        $found.Add((New-Divergence 'status' "$($Exchange.Status)$(& $code $Exchange.ResponseBody)" "$($answer.Status)$(& $code $answer.Body)"))
        return $found
    }
    if ($Exchange.Status -ge 400) {
        $expected = Get-Field (ConvertFrom-BodyJson $Exchange.ResponseBody) 'error' 'code'
        $actual = Get-Field (ConvertFrom-BodyJson $answer.Body) 'error' 'code'
        if ($expected -ne $actual) { $found.Add((New-Divergence 'error-code' $expected $actual)) }
        return $found
    }
    foreach ($name in 'azure-asyncoperation', 'location') {
        if ([bool]$Exchange.Headers[$name] -ne [bool]$answer.Headers[$name]) {
            $found.Add((New-Divergence "header:$name" ([bool]$Exchange.Headers[$name]) ([bool]$answer.Headers[$name])))
        }
    }
    Compare-Polls $Exchange $Polls $Replay.Polls $found
    $recorded = ConvertFrom-BodyJson $Exchange.ResponseBody
    if ($null -ne $recorded) { Compare-BodyFields $recorded (ConvertFrom-BodyJson $answer.Body) '' $false $found }
    $found
}

function New-Divergence {
    param([string] $Check, $Expected, $Actual)
    $show = { param($v) if ($v -is [string] -or $null -eq $v -or $v -is [ValueType]) { "$v" } else { ConvertTo-Json $v -Compress -Depth 20 } }
    [pscustomobject]@{ Check = $Check; Expected = (& $show $Expected); Actual = (& $show $Actual) }
}

function Compare-Polls {
    param($Exchange, $Recorded, $Emulated, $Found)
    if (-not $Recorded) { return }
    $expected = @(Get-FoldedStates $Recorded)
    $actual = @(Get-FoldedStates $Emulated)
    if ($expected -and $expected[-1] -in $script:TerminalStates -and -not (Test-Subsequence $actual $expected)) {
        $Found.Add((New-Divergence 'lro-states' ($expected -join ' > ') ($actual -join ' > ')))
    }
    $lastRecorded = $Recorded[-1]
    $location = $Exchange.Headers['location']
    if ($location -and $lastRecorded.Path -eq ([uri]::new([uri]'https://management.azure.com', $location)).AbsolutePath -and $Emulated -and $Emulated[-1].Kind -eq 'location' -and
        $lastRecorded.Status -ne $Emulated[-1].Status) {
        $Found.Add((New-Divergence 'lro-result' $lastRecorded.Status $Emulated[-1].Status))
    }
}

function Get-FoldedStates {
    param($Polls)
    $last = $null
    foreach ($p in $Polls) {
        $state = Get-PollState ([pscustomobject]@{ Status = $p.Status; Body = $p.ResponseBody ?? $p.Body })
        if ($state -and $state -ne $last) { $state; $last = $state }
    }
}

# True when $Actual is non-empty, ends like $Expected and its states appear in $Expected in the same order.
function Test-Subsequence {
    param([string[]] $Actual, [string[]] $Expected)
    if (-not $Actual -or $Actual[-1] -ne $Expected[-1]) { return $false }
    $j = 0
    foreach ($state in $Expected) { if ($j -lt $Actual.Count -and $Actual[$j] -eq $state) { $j++ } }
    $j -eq $Actual.Count
}

function Compare-BodyFields {
    param($Recorded, $Actual, [string] $Path, [bool] $Field, $Found)
    if ($Recorded -is [hashtable]) {
        if ($Path -eq '' -and $Recorded['value'] -is [System.Collections.IList]) {
            Compare-List $Recorded['value'] (Get-Field $Actual 'value') 'value' $Field $Found
            return
        }
        foreach ($key in $Recorded.Keys) {
            if ($script:VolatileFields.Contains($key)) { continue }
            $inField = $Field -or $script:BodyFields.Contains($key)
            $child = if ($Actual -is [hashtable]) { $Actual[$key] } else { $null }
            $childPath = if ($Path) { "$Path.$key" } else { $key }
            if ($inField -and $null -ne $Recorded[$key] -and ($Actual -isnot [hashtable] -or -not $Actual.ContainsKey($key))) {
                $Found.Add((New-Divergence "body:$childPath" $Recorded[$key] '(absent)'))
                continue
            }
            Compare-BodyFields $Recorded[$key] $child $childPath $inField $Found
        }
        return
    }
    if ($Recorded -is [System.Collections.IList]) {
        Compare-List $Recorded $Actual $Path $Field $Found
        return
    }
    if ($Field -and "$Recorded" -ne "$Actual") { $Found.Add((New-Divergence "body:$Path" $Recorded $Actual)) }
}

function Compare-List {
    param($Recorded, $Actual, [string] $Path, [bool] $Field, $Found)
    $items = @($Actual | Where-Object { $null -ne $_ })
    $byName = @($Recorded).Count -gt 0 -and @($Recorded | Where-Object { $_ -is [hashtable] -and $_['id'] -and $_['name'] }).Count -eq @($Recorded).Count
    if ($byName) {
        foreach ($item in $Recorded) {
            $match = $items | Where-Object { $_ -is [hashtable] -and "$($_['name'])" -eq "$($item['name'])" } | Select-Object -First 1
            if (-not $match) { if ($Field -or $Path -eq 'value') { $Found.Add((New-Divergence "body:$Path[$($item['name'])]" 'present' '(absent)')) }; continue }
            Compare-BodyFields $item $match "$Path[$($item['name'])]" $Field $Found
        }
        $extra = @($items | Where-Object { $_ -is [hashtable] -and "$($_['name'])" -notin @($Recorded | ForEach-Object { "$($_['name'])" }) -and $_['name'] -ne $script:CallerAssignment })
        if ($extra -and ($Field -or $Path -eq 'value')) { $Found.Add((New-Divergence "body:$Path" 'no more items' ('extra: ' + (@($extra | ForEach-Object { $_['name'] }) -join ', ')))) }
        return
    }
    if ($Field -and @($Recorded).Count -ne $items.Count) {
        $Found.Add((New-Divergence "body:$Path" $Recorded $Actual))
        return
    }
    for ($i = 0; $i -lt @($Recorded).Count -and $i -lt $items.Count; $i++) { Compare-BodyFields $Recorded[$i] $items[$i] "$Path[$i]" $Field $Found }
}
