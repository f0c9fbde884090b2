<#
.SYNOPSIS
    Writes MAML help (en-US/Astro.Network.dll-Help.xml) and the about topic into a built module folder.
.DESCRIPTION
    Names, parameter sets, types, mandatory/position/pipeline facts come from the built cmdlets by reflection (through
    Get-Command on the imported module); the text comes from module/help/<Cmdlet-Name>.md. Throws, failing the build,
    when an exported cmdlet lacks a help source, a synopsis, a description of any parameter, or an example.
    Run it in a fresh process: it imports the module it documents.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $SourcePath = $PSScriptRoot,
    [string] $AboutPath = (Join-Path $PSScriptRoot '../about'),
    [string] $Culture = 'en-US'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'HelpMarkdown.psm1') -Force

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
# -WhatIf and -Confirm are not in CommonParameters but every ShouldProcess cmdlet has them: one text for all.
$standardText = @{
    WhatIf  = 'Shows what would change without changing anything: no write request is sent.'
    Confirm = 'Asks for confirmation before each change.'
}
$skipped = [System.Management.Automation.Cmdlet]::CommonParameters

$manifest = Import-PowerShellDataFile $ModulePath
$module = Import-Module $ModulePath -Force -PassThru
$moduleBase = $module.ModuleBase
$outDir = Join-Path $moduleBase $Culture

function Get-TypeLabel([type] $Type) {
    if ($Type.IsArray) { return (Get-TypeLabel $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return Get-TypeLabel $Type.GetGenericArguments()[0] }
    $Type.Name
}

function Get-PipelineInput($p) {
    $kinds = @(if ($p.ValueFromPipeline) { 'ByValue' }; if ($p.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-DefaultValue($instance, [string] $name) {
    $property = $instance.GetType().GetProperty($name)
    if (-not $property) { return 'None' }
    $value = $property.GetValue($instance)
    if ($null -eq $value -or $value -is [System.Management.Automation.SwitchParameter] -or "$value" -eq '') { 'None' } else { "$value" }
}

function Test-HelpSource($command, $source) {
    $problems = [System.Collections.Generic.List[string]]::new()
    if (-not $source) { $problems.Add("no help source $($command.Name).md in $SourcePath"); return $problems }
    if ($source.Name -ne $command.Name) { $problems.Add("$($command.Name).md is titled '$($source.Name)'") }
    if (-not $source.Synopsis) { $problems.Add("$($command.Name): no SYNOPSIS") }
    if (-not $source.Description) { $problems.Add("$($command.Name): no DESCRIPTION") }
    if (-not @($source.Examples | Where-Object Code)) { $problems.Add("$($command.Name): no example with code") }
    foreach ($name in $command.Parameters.Keys) {
        if ($name -in $skipped -or $standardText.ContainsKey($name)) { continue }
        if (-not $source.Parameters[$name]) { $problems.Add("$($command.Name): parameter -$name has no description") }
    }
    foreach ($name in $source.Parameters.Keys) {
        if (-not $command.Parameters.ContainsKey($name)) { $problems.Add("$($command.Name): -$name is documented but does not exist") }
    }
    $problems
}

function Write-Para([System.Xml.XmlWriter] $w, [string[]] $Paragraphs) {
    $w.WriteStartElement('maml', 'description', $ns.maml)
    foreach ($p in $Paragraphs) { $w.WriteElementString('maml', 'para', $ns.maml, $p) }
    $w.WriteEndElement()
}

function Write-TypeElement([System.Xml.XmlWriter] $w, [string] $Name) {
    $w.WriteStartElement('dev', 'type', $ns.dev)
    $w.WriteElementString('maml', 'name', $ns.maml, $Name)
    $w.WriteElementString('maml', 'uri', $ns.maml, '')
    $w.WriteEndElement()
}

function Write-Parameter([System.Xml.XmlWriter] $w, $p, [bool] $Required, [string[]] $Text, [string] $Default, [switch] $InSyntax) {
    $isSwitch = $p.ParameterType -eq [System.Management.Automation.SwitchParameter]
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $w.WriteAttributeString('variableLength', $p.ParameterType.IsArray.ToString().ToLowerInvariant())
    $globbing = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $w.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', (Get-PipelineInput $p))
    $w.WriteAttributeString('position', $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }))
    $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $ns.maml, $p.Name)
    Write-Para $w $Text
    $set = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) {
        $w.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($v in $set.ValidValues) {
            $w.WriteStartElement('command', 'parameterValue', $ns.command)
            $w.WriteAttributeString('required', 'false'); $w.WriteAttributeString('variableLength', 'false')
            $w.WriteString($v); $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    if (-not ($isSwitch -and $InSyntax)) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $w.WriteAttributeString('variableLength', $p.ParameterType.IsArray.ToString().ToLowerInvariant())
        $w.WriteString((Get-TypeLabel $p.ParameterType)); $w.WriteEndElement()
    }
    Write-TypeElement $w $p.ParameterType.FullName
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, $Default)
    $w.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $w, [string] $List, [string] $Item, $Entries) {
    $w.WriteStartElement('command', $List, $ns.command)
    foreach ($e in $Entries) {
        $w.WriteStartElement('command', $Item, $ns.command)
        Write-TypeElement $w $e.Type
        Write-Para $w $e.Description
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $w, $command, $source) {
    $instance = [Activator]::CreateInstance($command.ImplementingType)
    $documented = @($command.Parameters.Values | Where-Object { $_.Name -notin $skipped })
    $text = @{}
    foreach ($p in $documented) { $text[$p.Name] = if ($standardText.ContainsKey($p.Name)) { @($standardText[$p.Name]) } else { $source.Parameters[$p.Name] } }

    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $command.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $command.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $command.Noun)
    Write-Para $w @($source.Synopsis)
    $w.WriteEndElement()
    Write-Para $w $source.Description

    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $command.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $command.Name)
        foreach ($p in ($set.Parameters | Where-Object { $_.Name -notin $skipped } | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } })) {
            Write-Parameter $w $p $p.IsMandatory $text[$p.Name] (Get-DefaultValue $instance $p.Name) -InSyntax
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($name in $text.Keys | Sort-Object) {
        $inSets = @($command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -EQ $name })
        $required = -not @($inSets | Where-Object { -not $_.IsMandatory })
        Write-Parameter $w $inSets[0] $required $text[$name] (Get-DefaultValue $instance $name)
    }
    $w.WriteEndElement()

    $inputs = if ($source.Inputs) { $source.Inputs } else { @([pscustomobject]@{ Type = 'None'; Description = @() }) }
    Write-TypeList $w 'inputTypes' 'inputType' $inputs
    $outputs = @(foreach ($t in $command.OutputType) {
            $doc = $source.Outputs | Where-Object { $_.Type -eq $t.Name -or $_.Type -like "*.$($t.Name)" } | Select-Object -First 1
            [pscustomobject]@{ Type = $t.Name; Description = if ($doc) { $doc.Description } else { @() } }
        })
    if (-not $outputs) { $outputs = if ($source.Outputs) { $source.Outputs } else { @([pscustomobject]@{ Type = 'None'; Description = @() }) } }
    Write-TypeList $w 'returnValues' 'returnValue' $outputs

    $w.WriteStartElement('maml', 'alertSet', $ns.maml)
    $w.WriteStartElement('maml', 'alert', $ns.maml)
    foreach ($p in $source.Notes) { $w.WriteElementString('maml', 'para', $ns.maml, $p) }
    $w.WriteEndElement(); $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $ns.command)
    foreach ($e in $source.Examples) {
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "---------- $($e.Title) ----------")
        $w.WriteElementString('dev', 'code', $ns.dev, $e.Code)
        $w.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($p in $e.Remarks) { $w.WriteElementString('maml', 'para', $ns.maml, $p) }
        $w.WriteEndElement(); $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($l in $source.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $l.Text)
        $w.WriteElementString('maml', 'uri', $ns.maml, $l.Uri)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}

$commands = foreach ($name in $manifest.CmdletsToExport) {
    $command = Get-Command -Module $module.Name -Name $name -CommandType Cmdlet -ErrorAction SilentlyContinue
    if (-not $command) { throw "Help: $name is in CmdletsToExport but the built module has no such cmdlet." }
    $command
}
$sources = @{}
$problems = foreach ($command in $commands) {
    $file = Join-Path $SourcePath "$($command.Name).md"
    $sources[$command.Name] = if (Test-Path -LiteralPath $file) { Read-HelpMarkdown $file }
    Test-HelpSource $command $sources[$command.Name]
}
if ($problems) { throw "Help sources are incomplete:`n  " + ($problems -join "`n  ") }

New-Item -ItemType Directory -Force $outDir | Out-Null
# The file name PowerShell looks for: <cmdlet assembly>.dll-Help.xml.
$helpFile = Join-Path $outDir ([System.IO.Path]::GetFileName(@($commands)[0].HelpFile))
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($helpFile, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($prefix in $ns.Keys) { $writer.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }
    foreach ($command in $commands) { Write-Command $writer $command $sources[$command.Name] }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }

Get-ChildItem -LiteralPath $AboutPath -Filter 'about_*.help.txt' | Copy-Item -Destination $outDir
Write-Host "Help: $helpFile ($(@($commands).Count) cmdlets)"
