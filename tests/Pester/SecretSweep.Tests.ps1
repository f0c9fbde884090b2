# Issue 7 item 6, the stream half: a flow through every exported cmdlet, failure paths next to credentials included, with
# -Verbose and every stream captured, rendered the ways a user or a log sees it and searched for the scenario's secrets
# and for JWT-shaped strings. The files of the run (traffic, logs) are swept by build.ps1 (Invoke-SecretSweep).
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    . "$PSScriptRoot/../BuildSupport.ps1"   # Get-ScenarioSecrets: the same list the file sweep uses

    $scenario = Get-EmulatorScenario
    $moduleCmdlets = @((Get-Command -Module Astro.Network).Name)
    $org = $scenario.astro.organizations | Where-Object id -EQ 'org-test'
    $emulator = Get-EmulatorUrl
    # Wrong credentials the flow types are secrets too: a typo of the real one must not show either.
    $wrong = @{ AstroToken = 'sweep-wrong-astro-token'; ClientSecret = 'sweep-wrong-client-secret'; IdentityHeader = 'sweep-wrong-identity-header' }
    $secrets = @(@(Get-ScenarioSecrets) + @($wrong.Keys | ForEach-Object { @{ Label = "wrong $_ typed by the flow"; Value = $wrong[$_] } }) |
        Where-Object { $_.Value -and $_.Value.Length -ge 4 })
    $jwt = 'eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+'

    # What the flow's command lines see (variables only: a literal secret on a command line would be the caller's own).
    $flowVariables = @{
        emulator     = $emulator
        custom       = @{ Environment = 'Custom'; ResourceManagerUrl = $emulator; GraphUrl = "${emulator}graph/"; AuthorityHost = $emulator }
        astroToken   = ($org.tokens | Where-Object { -not $_.expired } | Select-Object -First 1).value
        expiredToken = ($org.tokens | Where-Object expired | Select-Object -First 1).value
        otherToken   = ($scenario.astro.organizations | Where-Object id -NE 'org-test' | Select-Object -First 1).tokens[0].value
        wrong        = $wrong
        app          = Get-TestApp
        readonly     = Get-TestApp 'astro-network-readonly'
        etl          = ($org.deployments | Where-Object name -EQ 'etl').id
        cluster      = ($org.clusters | Where-Object name -EQ 'azure-dedicated').id
        storage      = Get-SeededResource 'Microsoft.Storage/storageAccounts'
        sql          = Get-SeededResource 'Microsoft.Sql/servers'
        vault        = Get-SeededResource 'Microsoft.KeyVault/vaults'
        vnet         = ($scenario.azure.resources | Where-Object { $_.id -like '*/virtualNetworks/vnet-hub' }).id
        uami         = ($scenario.azure.resources | Where-Object { $_.id -like '*/userAssignedIdentities/uami-astro' }).id
        userAssignedClientId = ($scenario.azure.managedIdentity.userAssigned | Where-Object resourceId -Like '*/uami-astro').clientId
    }
    foreach ($name in $flowVariables.Keys) { Set-Variable -Name $name -Value $flowVariables[$name] }
    $identityEnvironment = @{ IDENTITY_ENDPOINT = "${emulator}msi/token"; IDENTITY_HEADER = $scenario.azure.managedIdentity.identityHeader }
    $astroEnvironment = @{ ASTRO_API_TOKEN = $expiredToken; ASTRO_ORGANIZATION_ID = 'org-test'; ASTRO_API_URL = "${emulator}v1" }

    # The flow, in order. Run: command lines, run in the flow runspace; Arrange/Cleanup: emulator state, faults and
    # environment, run here; Fails: the step must end in an error (a failure path that did not fail proves nothing).
    $steps = @(
        @{ Name = 'sign in to Astro'; Run = { Connect-Astro -ApiToken (ConvertTo-SecureString $astroToken -AsPlainText -Force) -OrganizationId org-test -ApiUrl "${emulator}v1"; Get-AstroContext } }
        @{ Name = 'Astro sign-in with a wrong token'; Fails = $true; Run = { Connect-Astro -ApiToken (ConvertTo-SecureString $wrong.AstroToken -AsPlainText -Force) -OrganizationId org-test -ApiUrl "${emulator}v1" } }
        @{ Name = 'Astro sign-in with an expired token'; Fails = $true; Run = { Connect-Astro -ApiToken (ConvertTo-SecureString $expiredToken -AsPlainText -Force) -OrganizationId org-test -ApiUrl "${emulator}v1" } }
        @{ Name = 'Astro sign-in with another organisation''s token'; Fails = $true; Run = { Connect-Astro -ApiToken (ConvertTo-SecureString $otherToken -AsPlainText -Force) -OrganizationId org-test -ApiUrl "${emulator}v1" } }
        @{ Name = 'Astro token from the environment, expired'; Fails = $true; Arrange = { Set-SweepEnvironment $astroEnvironment }; Cleanup = { Set-SweepEnvironment $astroEnvironment -Remove; Connect-TestAstro | Out-Null }
            Run = { Disconnect-Astro; Get-AstroExternalIp -DeploymentId $etl } }
        @{ Name = 'Azure sign-in with a wrong client secret'; Fails = $true
            Run = { Connect-AstroAzure -TenantId $app.tenantId -ClientId $app.clientId -ClientSecret (ConvertTo-SecureString $wrong.ClientSecret -AsPlainText -Force) @custom } }
        # The user-assigned identity, which no other suite signs in as: a token of the process-wide managed identity
        # cache would let the wrong header pass unsent.
        @{ Name = 'managed identity with a wrong identity header'; Fails = $true
            Arrange = { Set-SweepEnvironment @{ IDENTITY_ENDPOINT = "${emulator}msi/token"; IDENTITY_HEADER = $wrong.IdentityHeader } }
            Cleanup = { Set-SweepEnvironment $identityEnvironment -Remove }
            Run = { Connect-AstroAzure -Identity -ClientId $userAssignedClientId @custom; Get-AstroAllowlist -ResourceId $storage } }
        @{ Name = 'Azure sign-in with the managed identity'; Arrange = { Set-SweepEnvironment $identityEnvironment }; Cleanup = { Set-SweepEnvironment $identityEnvironment -Remove }
            Run = { Connect-AstroAzure -Identity @custom; Get-AstroAzureContext; Get-AstroPeeringTarget -VirtualNetworkId $vnet } }
        @{ Name = 'Azure sign-in with a client secret'; Run = {
                Connect-AstroAzure -TenantId $app.tenantId -ClientId $app.clientId -ClientSecret (ConvertTo-SecureString $app.secret -AsPlainText -Force) @custom
                Get-AstroAzureContext } }
        @{ Name = 'Astro reads'; Run = { Get-AstroCluster; Get-AstroCluster -ClusterId $cluster; Get-AstroDeployment; Get-AstroDeployment -Name etl; Get-AstroExternalIp -DeploymentId $etl } }
        @{ Name = 'allowlist add, read and test'; Run = {
                # -Force: the storage account shares etl's region (AllowlistSameRegion); the forced write warns, through the streams too.
                Add-AstroAllowlist -ResourceId $storage, $sql, $vault -DeploymentId $etl -Force
                Get-AstroAllowlist -ResourceId $storage, $sql
                Test-AstroAllowlist -ResourceId $storage -IpAddress (Get-AstroExternalIp -DeploymentId $etl).IpAddress } }
        @{ Name = 'allowlist sync and remove'; Arrange = { Set-EmulatorClusterIp -ClusterId $cluster -IpAddress '198.51.100.61', '198.51.100.62' }; Run = {
                Sync-AstroAllowlist -ResourceId $storage, $sql -ClusterId $cluster -Force
                Remove-AstroAllowlist -ResourceId $storage, $sql, $vault -IpAddress 198.51.100.61, 198.51.100.62 } }
        @{ Name = 'peering grant and request'; Run = {
                Test-AstroPeeringReadiness -ClusterId $cluster -VirtualNetworkId $vnet
                Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $cluster
                New-AstroPeeringRequest -VirtualNetworkId $vnet -ClusterId $cluster } }
        @{ Name = 'peering completed by Astronomer'; Arrange = { Complete-EmulatorPeering -ClusterId $cluster -VirtualNetworkId $vnet | Out-Null }; Run = {
                Wait-AstroVnetPeering -VirtualNetworkId $vnet -ClusterId $cluster -Timeout 30 -PollInterval 1
                Get-AstroVnetPeering -VirtualNetworkId $vnet -ClusterId $cluster
                Remove-AstroPeeringRole -VirtualNetworkId $vnet } }
        @{ Name = 'Private Link request, approve and deny'; Arrange = {
                New-EmulatorPrivateEndpoint -ResourceId $storage -GroupId blob -ClusterId $cluster | Out-Null
                New-EmulatorPrivateEndpoint -ResourceId $vault -GroupId vault -ClusterId $cluster | Out-Null }
            Run = {
                New-AstroPrivateLinkRequest -ResourceId $storage -GroupId blob -ClusterId $cluster
                Get-AstroPrivateEndpointConnection -ResourceId $storage -Status Pending | Approve-AstroPrivateEndpointConnection -ClusterId $cluster
                Get-AstroPrivateEndpointConnection -ResourceId $vault -Status Pending | Deny-AstroPrivateEndpointConnection -Confirm:$false } }
        @{ Name = 'workload identity grant, read and remove'; Run = {
                Grant-AstroWorkloadIdentity -DeploymentId $etl -IdentityResourceId $uami
                Get-AstroWorkloadIdentity -IdentityResourceId $uami
                Remove-AstroWorkloadIdentity -DeploymentId $etl -IdentityResourceId $uami } }
        @{ Name = 'onboarding file: export, plan and apply'; Run = {
                $file = Join-Path ([IO.Path]::GetTempPath()) "sweep-onboarding-$([guid]::NewGuid().ToString('N')).psd1"
                Export-AstroNetworkOnboarding -DeploymentId $etl -ResourceId $sql -Path $file
                Test-AstroNetworkOnboarding -Path $file
                Invoke-AstroNetworkOnboarding -Path $file -ReceiptPath "$file.json" -Confirm:$false
                Remove-Item $file, "$file.json" -ErrorAction SilentlyContinue } }
        @{ Name = 'Private Link to Astro: create'; Run = {
                New-AstroPrivateEndpoint -ClusterId $cluster -PrivateLinkServiceAlias 'astro-remote.8f0e5d2c-1b3a-4c5d-9e6f-7a8b9c0d1e2f.eastus2.azure.privatelinkservice' -SubnetId "$vnet/subnets/default" } }
        @{ Name = 'Private Link to Astro: approved by Astronomer, wait and remove'; Arrange = { Approve-EmulatorRemoteEndpoint -ClusterId $cluster | Out-Null }; Run = {
                $endpoint = New-AstroPrivateEndpoint -ClusterId $cluster -PrivateLinkServiceAlias 'astro-remote.8f0e5d2c-1b3a-4c5d-9e6f-7a8b9c0d1e2f.eastus2.azure.privatelinkservice' -SubnetId "$vnet/subnets/default"
                Wait-AstroPrivateEndpoint -PrivateEndpointId $endpoint.PrivateEndpointId -Timeout 30 -PollInterval 1
                Remove-AstroPrivateEndpoint -ClusterId $cluster -SubnetId "$vnet/subnets/default" -Confirm:$false } }
        @{ Name = 'ARM answers 401 (expired token)'; Fails = $true; Run = { Add-AstroAllowlist -ResourceId $sql -IpAddress 203.0.113.9 }
            Arrange = { Add-EmulatorFault @{ service = 'arm'; status = 401; count = 1000; body = @{ error = @{ code = 'ExpiredAuthenticationToken'; message = 'The access token has expired.' } } } } }
        @{ Name = 'Graph 403 for the readonly app'; Fails = $true; Cleanup = { Connect-TestAzure | Out-Null }; Run = {
                Connect-AstroAzure -TenantId $readonly.tenantId -ClientId $readonly.clientId -ClientSecret (ConvertTo-SecureString $readonly.secret -AsPlainText -Force) @custom
                Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $cluster } }
        @{ Name = 'malformed JSON from ARM'; Fails = $true; Run = { Add-AstroAllowlist -ResourceId $storage -IpAddress 203.0.113.9 }
            Arrange = { Add-EmulatorFault @{ service = 'arm'; method = 'GET'; status = 200; rawBody = '{"id": "/subscriptions/x", "properties": {'; count = 1000 } } }
        @{ Name = 'HTML instead of JSON from Astro'; Fails = $true; Run = { Get-AstroExternalIp -DeploymentId $etl }
            Arrange = { Add-EmulatorFault @{ service = 'astro'; status = 200; rawBody = '<html><body>Bad gateway</body></html>'; contentType = 'text/html'; count = 1000 } } }
        @{ Name = 'truncated JSON from Graph'; Fails = $true; Run = { Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $cluster }
            Arrange = { Add-EmulatorFault @{ service = 'graph'; status = 200; rawBody = '{"value": [ {"id": '; count = 1000 } } }
        @{ Name = 'sign out'; Run = { Disconnect-AstroAzure; Disconnect-Astro; Get-AstroContext; Get-AstroAzureContext } }
    )

    function Set-SweepEnvironment([hashtable] $Variables, [switch] $Remove) {
        foreach ($name in $Variables.Keys) {
            if ($Remove) { Remove-Item "Env:$name" -ErrorAction Ignore } else { Set-Item "Env:$name" $Variables[$name] }
        }
    }

    # The flow runs in its own runspace so its streams can be taken whole (progress too) and a hang fails instead of blocking.
    $state = [initialsessionstate]::CreateDefault2()
    $state.ImportPSModule($env:ASTRO_TEST_MODULE)
    $runspace = [runspacefactory]::CreateRunspace($state)
    $runspace.Open()
    foreach ($name in $flowVariables.Keys) { $runspace.SessionStateProxy.SetVariable($name, $flowVariables[$name]) }
    $capture = {
        param([string] $Step)
        $ErrorActionPreference = 'Continue'
        $ConfirmPreference = 'None'
        $PSDefaultParameterValues = @{
            '*-Astro*:Verbose' = $true; '*-Astro*:ErrorVariable' = '+sweepError'
            '*-Astro*:WarningVariable' = '+sweepWarning'; '*-Astro*:InformationVariable' = '+sweepInformation'
        }
        $all = @(try { . ([scriptblock]::Create($Step)) *>&1 } catch { $_ })
        @{ All = $all; ErrorVariable = @($sweepError); WarningVariable = @($sweepWarning); InformationVariable = @($sweepInformation) }
    }.ToString()

    # Runs command lines in the flow runspace; returns every record, labelled by the stream it came through.
    function Invoke-SweepStep([string] $Step) {
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        $null = $ps.AddScript($capture, $true).AddArgument($Step)
        try {
            $async = $ps.BeginInvoke()
            if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))) { $ps.Stop(); throw "did not finish within 60 s: $Step" }
            $result = $ps.EndInvoke($async)[0]
            foreach ($item in $result.All) { [pscustomobject]@{ Stream = Get-StreamName $item; Item = $item } }
            foreach ($name in 'ErrorVariable', 'WarningVariable', 'InformationVariable') {
                foreach ($item in $result[$name]) { [pscustomobject]@{ Stream = "-$name"; Item = $item } }
            }
            foreach ($item in $ps.Streams.Progress) { [pscustomobject]@{ Stream = 'progress'; Item = $item } }
            foreach ($item in $ps.Streams.Error) { [pscustomobject]@{ Stream = 'error (not redirected)'; Item = $item } }
        }
        finally { $ps.Dispose() }
    }

    function Get-StreamName($Item) {
        switch ($Item) {
            { $_ -is [System.Management.Automation.ErrorRecord] } { return 'error' }
            { $_ -is [System.Management.Automation.VerboseRecord] } { return 'verbose' }
            { $_ -is [System.Management.Automation.WarningRecord] } { return 'warning' }
            { $_ -is [System.Management.Automation.DebugRecord] } { return 'debug' }
            { $_ -is [System.Management.Automation.InformationRecord] } { return 'information' }
        }
        'output'
    }

    # Every text a user or a log could see of one record.
    function Get-RenderedText($Item) {
        if ($Item -is [System.Management.Automation.ErrorRecord]) {
            $Item.ToString(); $Item.FullyQualifiedErrorId; $Item.CategoryInfo.ToString(); $Item.ScriptStackTrace
            $Item.ErrorDetails.Message; $Item.ErrorDetails.RecommendedAction
            "$($Item.TargetObject)"; $Item.TargetObject | Out-String -Width 500
            $Item.InvocationInfo.Line; $Item.InvocationInfo.PositionMessage
            $Item | Format-List * -Force | Out-String -Width 500
            $Item | Get-Error | Out-String -Width 500
            Get-ExceptionText $Item.Exception
        }
        elseif ($Item -is [System.Exception]) { Get-ExceptionText $Item }
        elseif ($Item -is [System.Management.Automation.InformationalRecord]) { $Item.Message }
        elseif ($Item -is [System.Management.Automation.InformationRecord]) { "$($Item.MessageData)"; $Item.Tags -join ' '; $Item.Source }
        elseif ($Item -is [System.Management.Automation.ProgressRecord]) { $Item.Activity; $Item.StatusDescription; $Item.CurrentOperation }
        elseif ($null -ne $Item) {
            "$Item"; $Item | Out-String -Width 500; $Item | Format-List * -Force | Out-String -Width 500
            $Item | ConvertTo-Json -Depth 4 -Compress -WarningAction Ignore
        }
    }

    function Get-ExceptionText([System.Exception] $Exception) {
        for ($e = $Exception; $e; $e = $e.InnerException) {
            $e.Message; $e.ToString(); $e.Data.Values | ForEach-Object { "$_" }
            if ($e -is [System.AggregateException]) { $e.InnerExceptions | ForEach-Object { Get-ExceptionText $_ } }
        }
    }

    # The module's cmdlets a step's command lines call.
    function Get-StepCmdlet([scriptblock] $Run) {
        $Run.Ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) |
            ForEach-Object { $_.GetCommandName() } | Where-Object { $_ -in $moduleCmdlets } | Select-Object -Unique
    }

    # One line per secret or JWT found: step, cmdlet (the failing one for an error, else the step's) and stream, never what.
    function Find-SweepHit([string] $Step, [string[]] $Cmdlet, $Record) {
        $command = $Record.Item.InvocationInfo.MyCommand.Name
        $where = '{0} [{1}], {2}' -f $Step, $(if ($command -in $moduleCmdlets) { $command } else { $Cmdlet -join ', ' }), $Record.Stream
        $text = (Get-RenderedText $Record.Item | Where-Object { $_ }) -join "`n"
        foreach ($secret in $secrets) {
            if ($text.IndexOf($secret.Value, [StringComparison]::OrdinalIgnoreCase) -ge 0) { "${where}: $($secret.Label)" }
        }
        if ($text -cmatch $jwt) { "${where}: a JWT" }
    }

    Reset-Emulator
    Disconnect-Astro
    Disconnect-AstroAzure
    $results = foreach ($step in $steps) {
        if ($step.Arrange) { & $step.Arrange }
        try {
            $records = @(Invoke-SweepStep $step.Run.ToString())
            # The contexts as they stand after each step are what a user inspects next.
            $contexts = @(Invoke-SweepStep 'Get-AstroContext; Get-AstroAzureContext')
        }
        finally {
            Invoke-RestMethod -Method Delete -Uri "${emulator}_emulator/faults" | Out-Null
            if ($step.Cleanup) { & $step.Cleanup }
        }
        [pscustomobject]@{
            Name = $step.Name; Fails = [bool]$step.Fails; Records = $records; Contexts = $contexts
            Errors = @($records | Where-Object { $_.Item -is [System.Management.Automation.ErrorRecord] })
            Hits = @($records | ForEach-Object { Find-SweepHit $step.Name (Get-StepCmdlet $step.Run) $_ }) +
                @($contexts | ForEach-Object { Find-SweepHit "$($step.Name) (contexts after)" 'Get-AstroContext', 'Get-AstroAzureContext' $_ })
        }
    }
    $records = @($results.Records)
}

AfterAll {
    if ($runspace) { $runspace.Dispose() }
    Set-SweepEnvironment ($identityEnvironment + $astroEnvironment) -Remove
    Disconnect-AstroAzure
    Disconnect-Astro
}

Describe 'Secret sweep of the streams' {
    It 'exercises every exported cmdlet' {
        $exercised = $steps | ForEach-Object { Get-StepCmdlet $_.Run }
        $missing = $moduleCmdlets | Where-Object { $_ -notin $exercised }
        $missing | Should -BeNullOrEmpty -Because 'every exported cmdlet needs a step in SecretSweep.Tests.ps1'
    }

    It 'takes each failure path to an error and each other step through without one' {
        @($results | Where-Object { $_.Fails -and -not $_.Errors } | ForEach-Object Name) | Should -BeNullOrEmpty
        $unexpected = $results | Where-Object { -not $_.Fails -and $_.Errors } |
            ForEach-Object { "$($_.Name): $(($_.Errors | ForEach-Object { $_.Item.FullyQualifiedErrorId } | Select-Object -Unique) -join ', ')" }
        $unexpected | Should -BeNullOrEmpty
    }

    It 'captures output, errors, the -*Variable records, verbose and progress' {
        foreach ($stream in 'output', 'error', 'verbose', 'progress', '-ErrorVariable') {
            @($records | Where-Object Stream -EQ $stream).Count | Should -BeGreaterThan 0 -Because "the flow must give $stream records to sweep"
        }
        # The contexts were rendered while signed in (the client ID shows), not only as empty results.
        ($results | ForEach-Object Contexts | ForEach-Object { Get-RenderedText $_.Item }) -join "`n" | Should -Match ([regex]::Escape($app.clientId))
    }

    It 'finds no secret and no JWT in any record' {
        $counts = $records + @($results | ForEach-Object Contexts) | Group-Object Stream | ForEach-Object { "$($_.Count) $($_.Name)" }
        Write-Host "secret sweep of the streams: $($steps.Count) steps, $($secrets.Count) secrets and JWT-shaped strings searched for, records: $($counts -join ', ')"
        $results.Hits | Select-Object -Unique | Should -BeNullOrEmpty
    }

    It 'would find a secret or a JWT in any rendered part of a record (the check can fail)' {
        $secret = $secrets[0]
        $inner = [System.InvalidOperationException]::new("inner $($secret.Value)")
        $record = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new('outer', $inner), 'Planted', 'NotSpecified', $null)
        $verbose = [System.Management.Automation.VerboseRecord]::new('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')
        $hits = @(Find-SweepHit 'planted' 'Get-AstroCluster' ([pscustomobject]@{ Stream = 'error'; Item = $record })) +
            @(Find-SweepHit 'planted' 'Get-AstroCluster' ([pscustomobject]@{ Stream = 'verbose'; Item = $verbose }))
        $hits | Should -Be @("planted [Get-AstroCluster], error: $($secret.Label)", 'planted [Get-AstroCluster], verbose: a JWT')
        $hits -join "`n" | Should -Not -Match ([regex]::Escape($secret.Value))
    }

}
