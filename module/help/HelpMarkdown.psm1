# Reads a per-cmdlet help source (module/help/<Cmdlet-Name>.md) into a plain object.
# The format is the platyPS layout, so the files stay familiar: # Name, ## SYNOPSIS, ## DESCRIPTION,
# ## PARAMETERS (### -Name), ## INPUTS / ## OUTPUTS (### TypeName), ## EXAMPLES (### Title + fenced code + remarks),
# ## NOTES, ## RELATED LINKS (- [text](uri)).

function ConvertTo-Paragraph {
    # Blank lines separate paragraphs; list items stay one paragraph each so Get-Help keeps them on their own lines.
    param([string[]] $Lines)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $flush = { if ($current.Count) { $paragraphs.Add(($current -join ' ').Trim()); $current.Clear() } }
    foreach ($line in $Lines) {
        if ($line -match '^\s*$') { & $flush; continue }
        if ($line -match '^\s*- ') { & $flush }
        $current.Add($line.Trim())
    }
    & $flush
    , $paragraphs.ToArray()
}

function Split-Heading {
    # Splits lines at headings of one level, ignoring '#' lines inside fenced code.
    param([string[]] $Lines, [string] $Marker)
    $sections = [ordered]@{}
    $name = $null
    $inCode = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inCode = -not $inCode }
        if (-not $inCode -and $line.StartsWith("$Marker ")) {
            $name = $line.Substring($Marker.Length + 1).Trim()
            $sections[$name] = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($null -ne $name) { $sections[$name].Add($line) }
    }
    $sections
}

function ConvertFrom-ExampleSection {
    param([string] $Title, [string[]] $Lines)
    $code = [System.Collections.Generic.List[string]]::new()
    $remarks = [System.Collections.Generic.List[string]]::new()
    $state = 'before'
    foreach ($line in $Lines) {
        if ($line -match '^```') { $state = if ($state -eq 'before') { 'code' } else { 'after' }; continue }
        switch ($state) {
            'code' { $code.Add($line) }
            'after' { $remarks.Add($line) }
        }
    }
    [pscustomobject]@{ Title = $Title; Code = ($code -join "`n").Trim(); Remarks = ConvertTo-Paragraph $remarks }
}

function Read-HelpMarkdown {
    param([Parameter(Mandatory)] [string] $Path)
    $lines = Get-Content -LiteralPath $Path
    $title = ($lines | Where-Object { $_ -match '^# ' } | Select-Object -First 1) -replace '^# ', ''
    $sections = Split-Heading $lines '##'
    $get = { param($n) if ($sections.Contains($n)) { [string[]] $sections[$n] } else { [string[]] @() } }

    $parameters = @{}
    foreach ($p in (Split-Heading (& $get 'PARAMETERS') '###').GetEnumerator()) {
        $parameters[$p.Key.TrimStart('-')] = ConvertTo-Paragraph $p.Value
    }
    $typed = {
        param($n)
        foreach ($t in (Split-Heading (& $get $n) '###').GetEnumerator()) {
            [pscustomobject]@{ Type = $t.Key; Description = ConvertTo-Paragraph $t.Value }
        }
    }
    $links = foreach ($line in (& $get 'RELATED LINKS')) {
        if ($line -match '^\s*-\s*\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)') {
            [pscustomobject]@{ Text = $Matches.text; Uri = $Matches.uri }
        }
    }
    [pscustomobject]@{
        Name        = $title.Trim()
        Synopsis    = (ConvertTo-Paragraph (& $get 'SYNOPSIS')) -join ' '
        Description = ConvertTo-Paragraph (& $get 'DESCRIPTION')
        Parameters  = $parameters
        Inputs      = @(& $typed 'INPUTS')
        Outputs     = @(& $typed 'OUTPUTS')
        Examples    = @(foreach ($e in (Split-Heading (& $get 'EXAMPLES') '###').GetEnumerator()) { ConvertFrom-ExampleSection $e.Key $e.Value })
        Notes       = ConvertTo-Paragraph (& $get 'NOTES')
        Links       = @($links)
    }
}

Export-ModuleMember -Function Read-HelpMarkdown
