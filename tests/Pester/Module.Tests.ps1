# The built module as a published PowerShell module: manifest, exports, help, format views, argument completion.
BeforeDiscovery {
    $manifest = Import-PowerShellDataFile $env:ASTRO_TEST_MODULE
    $cmdlets = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    $module = Import-Module $env:ASTRO_TEST_MODULE -Force -PassThru
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $manifest = Import-PowerShellDataFile $env:ASTRO_TEST_MODULE
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $env:ASTRO_TEST_MODULE -ErrorAction Stop
        $info.Name | Should -Be 'Astro.Network'
        $info.Version | Should -Be ([version]$manifest.ModuleVersion)
    }

    It 'exports no functions, aliases or variables' {
        foreach ($key in 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            $manifest.ContainsKey($key) | Should -BeTrue -Because "$key must be explicit, or PowerShell exports everything"
            @($manifest[$key]).Count | Should -Be 0 -Because $key
        }
        @($module.ExportedFunctions.Keys).Count | Should -Be 0
        @($module.ExportedAliases.Keys).Count | Should -Be 0
        @($module.ExportedVariables.Keys).Count | Should -Be 0
    }

    It 'exports exactly the cmdlets the manifest lists, both ways' {
        $exported = @(Get-Command -Module Astro.Network | ForEach-Object Name)
        $missing = @($manifest.CmdletsToExport | Where-Object { $_ -notin $exported })
        $extra = @($exported | Where-Object { $_ -notin $manifest.CmdletsToExport })
        $missing | Should -BeNullOrEmpty -Because 'every listed cmdlet must exist'
        $extra | Should -BeNullOrEmpty -Because 'every exported command must be listed'
        @(Get-Command -Module Astro.Network | Where-Object CommandType -NE 'Cmdlet') | Should -BeNullOrEmpty
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'has a synopsis from the help file, not the generated syntax' {
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + ' \[')
        $help.description | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $own = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
        foreach ($parameter in $own) {
            $entry = @($help.parameters.parameter) | Where-Object name -EQ $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter must be in the help"
            ($entry.description | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'shows at least two examples with code' {
        $examples = @((Get-Help $Name -Examples).examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) { "$($example.code)".Trim() | Should -Not -BeNullOrEmpty }
    }

    It 'documents the real parameter facts taken from the cmdlet' {
        foreach ($set in $command.ParameterSets) {
            foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common -and $_.ValueFromPipeline }) {
                $entry = @($help.parameters.parameter) | Where-Object name -EQ $p.Name
                $entry.pipelineInput | Should -Match 'ByValue'
            }
        }
    }
}

Describe 'About topic' {
    It 'Get-Help about_Astro.Network tells the module''s story' {
        $about = Get-Help about_Astro.Network | Out-String
        $about | Should -Match 'about_Astro.Network'
        foreach ($subject in 'Get-AstroExternalIp', 'VNET PEERING', 'PRIVATE LINK', 'WORKLOAD IDENTITY', 'Connect-AstroAzure', 'RUNBOOK') {
            $about | Should -Match ([regex]::Escape($subject))
        }
    }
}

Describe 'Format views' {
    It 'every output type of every exported cmdlet has a table view' {
        $types = Get-Command -Module Astro.Network | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Type } | Where-Object { $_ } | Sort-Object FullName -Unique
        $types | Should -Not -BeNullOrEmpty
        foreach ($type in $types) {
            $views = @(Get-FormatData -TypeName $type.FullName -PowerShellVersion $PSVersionTable.PSVersion)
            @($views.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }) |
                Should -Not -BeNullOrEmpty -Because "$($type.FullName) needs a table view"
        }
    }
}

Describe 'Argument completion' {
    BeforeAll {
        $org = (Get-EmulatorScenario).astro.organizations | Where-Object id -EQ 'org-test'
        $dedicated = @($org.clusters | Where-Object { $_.type -in 'DEDICATED', 'HYBRID' })
        function Get-Completion([string] $Line) {
            @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
        }
        Reset-Emulator
        Connect-TestAstro | Out-Null
    }
    AfterAll { Disconnect-Astro }

    It 'completes Deployment names: et<Tab> offers etl' {
        $want = @($org.deployments.name | Where-Object { $_ -like 'et*' } | Sort-Object -Unique)
        $got = Get-Completion 'Get-AstroDeployment -Name et'
        $got.CompletionText | Should -Contain 'etl'
        @($got.CompletionText | Sort-Object) | Should -Be $want
    }

    It 'completes Deployment IDs on Get-AstroDeployment and Get-AstroExternalIp' {
        $etl = $org.deployments | Where-Object name -EQ 'etl'
        $prefix = $etl.id.Substring(0, $etl.id.Length - 2)
        foreach ($command in 'Get-AstroDeployment', 'Get-AstroExternalIp') {
            $got = Get-Completion "$command -DeploymentId $prefix"
            $got.CompletionText | Should -Contain $etl.id
            ($got | Where-Object CompletionText -EQ $etl.id).ListItemText | Should -Match 'etl'
        }
    }

    It 'completes cluster names and IDs on Get-AstroCluster and Get-AstroExternalIp' {
        $cluster = $dedicated[0]
        (Get-Completion "Get-AstroCluster -Name $($cluster.name.Substring(0, 2))").CompletionText | Should -Contain $cluster.name
        (Get-Completion 'Get-AstroCluster -ClusterId ').CompletionText | Sort-Object | Should -Be @($dedicated.id | Sort-Object)
        (Get-Completion "Get-AstroExternalIp -ClusterId $($cluster.id)").CompletionText | Should -Be @($cluster.id)
    }

    It 'offers nothing, without an error, when the Astro API refuses' {
        $before = $Error.Count
        Disconnect-Astro
        $env:ASTRO_API_TOKEN = 'not-a-valid-token'
        $env:ASTRO_ORGANIZATION_ID = 'org-test'
        $env:ASTRO_API_URL = "$(Get-EmulatorUrl)v1"
        try {
            $got = Get-Completion 'Get-AstroCluster -Name '
            $got | Where-Object ResultType -EQ 'ParameterValue' | Should -BeNullOrEmpty
        }
        finally {
            Remove-Item Env:ASTRO_API_TOKEN, Env:ASTRO_ORGANIZATION_ID, Env:ASTRO_API_URL
            Connect-TestAstro | Out-Null
        }
        $Error.Count | Should -Be $before
    }

    It 'completes VNet and managed identity IDs of the connected subscription, and nothing before Azure sign-in' {
        Disconnect-AstroAzure
        (Get-Completion 'Get-AstroPeeringTarget -VirtualNetworkId ') | Where-Object ResultType -EQ 'ParameterValue' | Should -BeNullOrEmpty
        Connect-TestAzure | Out-Null
        $scenario = Get-EmulatorScenario
        $sub = $scenario.azure.subscriptions[0].subscriptionId
        $vnets = @($scenario.azure.resources.id | Where-Object { $_ -match "^/subscriptions/$sub/.*/providers/Microsoft.Network/virtualNetworks/[^/]+$" })
        $got = Get-Completion 'Grant-AstroPeeringRole -VirtualNetworkId '
        @($got.CompletionText | Sort-Object) | Should -Be @($vnets | Sort-Object)
        $hub = $vnets | Where-Object { $_ -like '*/vnet-hub' }
        (Get-Completion "Get-AstroVnetPeering -VirtualNetworkId $($hub.Substring(0, $hub.Length - 2))").CompletionText | Should -Be @($hub)
        $identities = @($scenario.azure.resources.id | Where-Object { $_ -match "^/subscriptions/$sub/.*/userAssignedIdentities/[^/]+$" })
        @((Get-Completion 'Grant-AstroWorkloadIdentity -DeploymentId x -IdentityResourceId ').CompletionText | Sort-Object) | Should -Be @($identities | Sort-Object)
    }
}
