namespace Tfe.Cdk.Tests.Validation;

/// <summary>
/// Every public settable prop of every props/options record, and every public factory, mapped to the tests that prove its
/// bad values are refused, or to the written reason why any value is fine. <see cref="PropCatalogueTests"/> fails when a
/// prop is missing here, when an entry names a prop that no longer exists, or when it cites a test or case that does not.
/// </summary>
/// <remarks>
/// Entries: <c>case:&lt;name&gt;</c> is a case of <see cref="InputMistakeTests.Cases"/>; <c>test:&lt;Class.Method&gt;</c> a
/// test method; <c>reason:&lt;text&gt;</c> why every value is acceptable. Keys are <c>DeclaringType.Prop</c> (a prop
/// inherited from an options record is listed once, under the record that declares it) or <c>Type.Factory()</c>.
/// </remarks>
internal static class PropCatalogue
{
    public static readonly IReadOnlyDictionary<string, string[]> Entries = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // TfeAppTierOptions (shared by the topologies and TfeAppTierProps)
        ["TfeAppTierOptions.Hostname"] = ["case:Hostname null", "case:Hostname blank", "test:TfeAppTierValidationTests.Fails_When", "test:InputMistakeTests.Accepts_A_Token_Hostname_With_A_Warning"],
        ["TfeAppTierOptions.License"] = ["case:License null", "case:License secret of another region", "case:DrRegion License of the primary region"],
        ["TfeAppTierOptions.InstanceType"] = ["case:InstanceType upper case", "case:DrRegion InstanceType burstable", "case:InstanceType unknown family", "case:InstanceType unknown size", "case:InstanceType whitespace", "case:Graviton instance type with the default image", "test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierOptions.MachineImage"] = ["case:MachineImage Windows", "case:MachineImage arm64 for an x86 type", "case:MachineImage without this region", "case:MachineImage not an AMI id", "test:NodeImagePlaceholderTests.An_Ami_Lookup_Not_Yet_Performed_Is_Accepted_With_The_Warning_Not_Refused_COMP_1"],
        ["TfeAppTierOptions.RootVolumeSizeGiB"] = ["case:RootVolumeSizeGiB beyond gp3", "case:RootVolumeSizeGiB token", "test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierOptions.TfeVersion"] = ["case:TfeVersion token", "test:TfeAppTierValidationTests.Fails_When", "case:DrRegion TfeVersion other than the primary's"],
        ["TfeAppTierOptions.InitialAdmin"] = ["case:InitialAdmin Username blank", "case:InitialAdmin Username with a space", "case:InitialAdmin Username token", "case:InitialAdmin Email without @", "case:InitialAdmin Email null", "test:TfeAppTierAlbOptionsTests.Initial_Admin_Gets_A_Generated_Password_Under_The_Data_Key_And_The_Node_May_Only_Read_And_Put_It_COMP_4", "reason:null (the default) creates no admin"],
        ["TfeAppTierOptions.ImageDigest"] = ["case:ImageDigest token", "case:ImageDigest without its algorithm", "case:ImageDigest upper-case hex", "case:ImageDigest 63 hex digits", "case:ImageDigest sha512", "test:TfeAppTierAlbOptionsTests.User_Data_Runs_The_Requested_Release_Pinned_To_Its_Digest_COMP_4"],
        ["TfeAppTierOptions.ImageSource"] = ["case:ImageSource registry with a scheme", "case:ImageSource registry with a tag", "case:ImageSource registry without a host", "case:ImageSource registry port 70000", "case:ImageSource registry is HashiCorp's", "case:ImageSource registry token", "test:ImageSourceTests.Ecr_Source_Pulls_From_The_Repository_Host_With_The_Digest_And_No_HashiCorp_Login_COMP_4"],
        ["TfeAppTierOptions.LoadBalancerType"] = ["case:LoadBalancerType 42"],
        ["TfeAppTierOptions.InternetFacing"] = ["reason:a boolean: both values are valid choices; true is checked against the public subnets (Network.PublicSubnets)"],
        ["TfeAppTierOptions.DockerAddressRange"] = ["case:DockerAddressRange overlaps the VPC", "case:DockerAddressRange overlaps ReachableCidrs", "test:DockerAddressValidationTests.Refuses_A_Docker_Address_Range_That_Is_Not_A_16_To_20_Ipv4_Range_NET_1", "test:DockerAddressValidationTests.Refuses_A_Docker_Address_Range_That_Overlaps_The_Vpc_Or_A_Reachable_Range_NET_1"],
        ["TfeAppTierOptions.ReachableCidrs"] = ["case:ReachableCidrs not a CIDR", "case:DockerAddressRange overlaps ReachableCidrs", "test:DockerAddressValidationTests.Refuses_Reachable_Ranges_That_Are_Not_Ipv4_Ranges_NET_1", "test:DockerAddressValidationTests.Refuses_Reachable_Ranges_That_Leave_Docker_No_Free_Range_NET_1"],
        ["TfeAppTierOptions.IngressCidrs"] = ["case:IngressCidrs null element", "test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierOptions.LoadBalancerCertificate"] = ["case:LoadBalancerCertificate not an ARN", "case:LoadBalancerCertificate of another region", "case:LoadBalancerCertificate an ARN of another service", "test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierOptions.NodeCertificate"] = ["case:NodeCertificate FromSecret(null)", "test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierOptions.TargetType"] = ["case:TargetType 42", "test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierOptions.HttpRedirect"] = ["test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierOptions.StickySessions"] = ["reason:a boolean: both values are valid for every load balancer type and mode"],
        ["TfeAppTierOptions.EncryptionPassword"] = ["reason:any Secrets Manager secret; its ARN is checked (service, region) like License's by the same code (Inputs.CheckArn)", "case:License secret of another region"],
        ["TfeAppTierOptions.AdditionalSettings"] = ["case:AdditionalSettings misspelled name", "case:AdditionalSettings integer not a number", "case:AdditionalSettings boolean not a boolean", "case:AdditionalSettings null value", "case:AdditionalSettings token name", "test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierOptions.LogRetention"] = ["case:LogRetention 42"],
        ["TfeAppTierOptions.AlarmTopic"] = ["case:AlarmTopic of another region"],
        ["TfeAppTierOptions.BootTimeout"] = ["test:NodeLifecycleValidationTests.Fails_When_Boot_Timeout_Is_Outside_20_To_60_Minutes_COMP_3", "test:NodeLifecycleValidationTests.Active_Active_Boot_Timeout_Must_Also_Cover_The_Drain_COMP_3", "case:BootTimeout token", "case:BootTimeout zero", "case:BootTimeout 10000 days"],
        ["TfeAppTierOptions.CaBundle"] = ["case:CaBundle secret of another region", "reason:null (the default) trusts the node certificate's chain only; any Secrets Manager secret of the stack's region is accepted: its content cannot be read at synth, so the node checks at boot that it holds PEM certificates and fails, naming the secret, when it does not"],
        ["TfeAppTierOptions.IactSubnets"] = ["test:NodeLifecycleValidationTests.Fails_When_An_Iact_Subnet_Is_Not_A_Cidr_COMP_4", "test:NodeLifecycleValidationTests.Iact_Subnets_Accept_Ipv4_And_Ipv6_Ranges_And_Refuse_An_Empty_List_COMP_4", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException"],
        ["TfeAppTierOptions.IactTimeLimit"] = ["test:NodeLifecycleValidationTests.Fails_When_The_Iact_Time_Limit_Is_Not_Whole_Minutes_Between_1_And_1440_COMP_4", "case:IactTimeLimit token"],
        ["TfeAppTierOptions.LoadBalancerDeletionProtection"] = ["case:LoadBalancerDeletionProtection on a Classic LB", "test:ComplianceOptionsValidationTests.A_Classic_Load_Balancer_Topology_Builds_Without_Asking_For_Deletion_Protection", "reason:otherwise a boolean: both values are valid for an ALB or NLB (false is the user's choice, reported by cdk-nag's suppression reason)"],
        ["TfeAppTierOptions.LoadBalancerWebAclArn"] = ["test:ComplianceOptionsValidationTests.Fails_When_A_Web_Acl_Is_Given_To_A_Network_Load_Balancer", "test:ComplianceOptionsValidationTests.Fails_When_The_Web_Acl_Arn_Is_Not_A_Regional_Web_Acl", "case:LoadBalancerWebAclArn of another region", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException"],
        ["TfeAppTierOptions.BreakGlassPrincipalArns"] = ["test:DefenseInDepthTests.Refuses_A_Break_Glass_Principal_That_Is_Not_One_Iam_Role_Or_User_NET_1", "reason:otherwise the ARN of any IAM role or user (a token is accepted as is); null or empty leaves the nodes, granted readers and CloudFormation as the only readers"],
        ["TfeAppTierOptions.FipsTlsPolicy"] = ["test:DefenseInDepthTests.Refuses_The_Fips_Policy_Without_An_Application_Load_Balancer_TLS_2", "reason:otherwise a boolean: both values are valid with an Application Load Balancer"],
        ["TfeAppTierOptions.TfeMetrics"] = ["test:TfeAppTierValidationTests.Fails_When", "reason:otherwise a boolean: both values are valid for every topology (the TFE_METRICS_* settings it manages are refused in AdditionalSettings either way)"],
        ["TfeAppTierOptions.LogForwarding"] = ["case:LogForwarding on a release without it", "case:LogForwarding bucket of another region", "case:LogForwarding log group of another region", "case:AdditionalSettings log forwarding managed", "reason:otherwise null (the default: no forwarding) or one of TfeLogForwarding's factories, whose own arguments are checked below"],
        ["TfeAppTierOptions.SecretsEncryptionKey"] = ["case:SecretsEncryptionKey of another region", "reason:otherwise any KMS key; a whole-token ARN (a key defined in the app) is of the stack's region"],

        // TfeAppTierProps
        ["TfeAppTierProps.Network"] = ["case:AppTier Network and DataTier null", "case:Nodes in public subnets"],
        ["TfeAppTierProps.DataTier"] = ["case:AppTier Network and DataTier null", "test:InputMistakeTests.Refuses_An_App_Tier_Wired_To_A_Data_Tier_Of_Another_Vpc_DB_4"],
        ["TfeAppTierProps.OperationalMode"] = ["case:OperationalMode 42", "test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierProps.Redis"] = ["test:TfeAppTierValidationTests.Fails_When"],
        ["TfeAppTierProps.NodeCount"] = ["test:TfeAppTierValidationTests.Fails_When", "case:NodeCount token"],
        ["TfeAppTierProps.DrainTimeout"] = ["case:DrainTimeout zero", "case:DrainTimeout a minute", "case:DrainTimeout beyond 40 minutes", "case:DrainTimeout token"],

        // TfeDashboardProps (a dashboard defined by the user; the topologies fill these themselves)
        ["TfeDashboardProps.App"] = ["test:TfeDashboardValidationTests.Fails_When_The_App_Tier_Is_Missing_And_The_Name_Is_Not_A_Dashboard_Name_OPS_2"],
        ["TfeDashboardProps.DashboardName"] = ["test:TfeDashboardValidationTests.Fails_When_The_App_Tier_Is_Missing_And_The_Name_Is_Not_A_Dashboard_Name_OPS_2"],
        ["TfeDashboardProps.Alarms"] = ["test:TfeDashboardValidationTests.Fails_When_Props_Are_Null_Or_An_Alarm_Is_Null_OPS_2", "reason:otherwise any alarms: they are only shown in the alarm status widget"],
        ["TfeDashboardProps.Database"] = ["reason:optional; any ITfeDatabaseMetrics (a TfeDataTier or an import) only feeds graphs, and none adds a section"],
        ["TfeDashboardProps.Redis"] = ["reason:optional; any ITfeRedisMetrics only feeds the cache graphs, and none leaves the section out"],
        ["TfeDashboardProps.DatabaseReplicaLag"] = ["reason:optional; any metric is graphed as the replica lag, and none leaves the graph out"],
        ["TfeDashboardProps.Replication"] = ["reason:optional; the S3 replication rule's buckets are typed IBucket and its rule id is read back from the bucket the library configured"],
        ["TfeDeploymentPropsBase.Dashboard"] = ["test:TierImportAttributeTests.Dashboard_False_Defines_No_Dashboard", "reason:a boolean: both values are valid (true defines the dashboard, false leaves it out)"],
        // TfeDeploymentPropsBase
        ["TfeDeploymentPropsBase.Network"] = ["test:TopologyValidationTests.Fails_When_Both_Network_And_NetworkOptions_Are_Given_NET_1", "case:Active/Active nodes in one AZ", "case:Nodes in public subnets"],
        ["TfeDeploymentPropsBase.NetworkOptions"] = ["test:TopologyValidationTests.Fails_When_Both_Network_And_NetworkOptions_Are_Given_NET_1", "reason:its own props are TfeNetworkProps's (listed below), checked by the TfeNetwork the topology defines"],
        ["TfeDeploymentPropsBase.Data"] = ["reason:its own props are TfeDataTierOptions's (listed below), checked with the topology's other props", "test:TopologyValidationTests.Fails_With_One_Exception_Listing_Every_Mistake_Across_The_Tiers"],
        ["TfeDeploymentPropsBase.HostedZone"] = ["case:HostedZone without a name", "test:TopologyValidationTests.Fails_When_The_Hostname_Is_Outside_The_Hosted_Zone_NET_2", "test:InputMistakeTests.Refuses_A_Second_Deployment_Claiming_The_Same_Hostname_In_One_Zone_NET_2"],
        ["TfeDeploymentPropsBase.DnsFailover"] = ["case:DnsFailover 42", "test:DnsFailoverTests.Fails_When_Failover_Is_Asked_Without_A_Hosted_Zone_NET_3"],

        // TfeActiveActiveProps
        ["TfeActiveActiveProps.NodeCount"] = ["case:NodeCount token", "test:TopologyValidationTests.Fails_When_Active_Active_Runs_More_Nodes_Than_Tfe_Supports_MODE_3"],
        ["TfeActiveActiveProps.Redis"] = ["reason:its own props are TfeRedisOptions's (listed below), checked with the topology's other props", "test:TopologyValidationTests.Fails_With_The_Cache_Rules_Listed_Beside_The_Others_REDIS_8"],
        ["TfeActiveActiveProps.DrainTimeout"] = ["case:DrainTimeout zero", "case:DrainTimeout a minute", "case:DrainTimeout beyond 40 minutes", "case:DrainTimeout token"],

        // TfeDataTierOptions
        ["TfeDataTierOptions.EncryptionKey"] = ["case:Data EncryptionKey of another region"],
        ["TfeDataTierOptions.DatabaseInstanceType"] = ["case:DatabaseInstanceType with db. prefix", "case:DatabaseInstanceType unknown family", "test:TfeDataTierValidationTests.Fails_When_DatabaseInstanceType_Is_Below_4_vCpu_16_GiB_DB2"],
        ["TfeDataTierOptions.DatabaseEngineVersion"] = ["test:TfeDataTierValidationTests.Fails_When_DatabaseEngineVersion_Is_Not_Supported_By_Tfe_DB1", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException"],
        ["TfeDataTierOptions.DatabaseAllocatedStorageGiB"] = ["case:DatabaseAllocatedStorageGiB token", "test:TfeDataTierValidationTests.Fails_When_Storage_Is_Below_50_GiB_Or_Ceiling_Is_Wrong_DB2"],
        ["TfeDataTierOptions.DatabaseMaxAllocatedStorageGiB"] = ["case:DatabaseMaxAllocatedStorageGiB beyond RDS", "test:TfeDataTierValidationTests.Fails_When_Storage_Is_Below_50_GiB_Or_Ceiling_Is_Wrong_DB2"],
        ["TfeDataTierOptions.DatabaseBackupRetention"] = ["case:DatabaseBackupRetention token", "case:DatabaseBackupRetention beyond RDS", "test:TfeDataTierValidationTests.Fails_When_DatabaseBackupRetention_Is_Off_Or_Out_Of_Range_DB3"],
        ["TfeDataTierOptions.DatabaseName"] = ["test:TfeDataTierValidationTests.Fails_When_DatabaseName_Or_Username_Is_Not_A_Postgres_Identifier_DB1"],
        ["TfeDataTierOptions.DatabaseUsername"] = ["test:TfeDataTierValidationTests.Fails_When_DatabaseName_Or_Username_Is_Not_A_Postgres_Identifier_DB1", "test:TfeDataTierValidationTests.Fails_When_DatabaseUsername_Is_Reserved_DB1"],
        ["TfeDataTierOptions.DeletionProtection"] = ["reason:a boolean: false is allowed and warns (@tfe/cdk:noDeletionProtection)"],
        ["TfeDataTierOptions.RemovalPolicy"] = ["case:RemovalPolicy 42"],
        ["TfeDataTierOptions.BackupBucket"] = ["reason:a boolean: false is allowed and warns (@tfe/cdk:noBackupBucket, S3-5)"],
        ["TfeDataTierOptions.DatabaseAuthentication"] = ["case:DatabaseAuthentication 42", "test:PasswordlessDatabaseValidationTests.Iam_Is_Refused_For_A_Release_Without_It_DB1", "test:PasswordlessDatabaseValidationTests.The_Topology_Refuses_Iam_With_A_Release_That_Lacks_It_DB1", "test:PasswordlessDatabaseValidationTests.A_Username_Too_Long_For_The_Iam_Role_Name_Is_Refused_DB1"],
        ["TfeDataTierOptions.DatabaseBackupPlan"] = ["test:ComplianceOptionsValidationTests.Fails_When_A_Copy_Vault_Is_Given_With_The_Backup_Plan_Turned_Off", "reason:otherwise a boolean: both values are valid choices (true adds AWS Backup storage cost, docs/compliance.md)"],
        ["TfeDataTierOptions.DatabaseBackupCopyVault"] = ["test:ComplianceOptionsValidationTests.Fails_When_A_Copy_Vault_Is_Given_With_The_Backup_Plan_Turned_Off", "case:DatabaseBackupCopyVault in the stack's region", "test:ComplianceOptionsValidationTests.Accepts_A_Copy_Vault_Of_Another_Account_In_The_Same_Region_DR_1"],
        ["TfeDataTierOptions.AlarmTopic"] = ["case:AlarmTopic of another region", "reason:checked by the same code as the app tier's AlarmTopic (Inputs.CheckArn)"],

        // TfeDataTierProps
        ["TfeDataTierProps.Network"] = ["case:DataTier Network null", "case:DataSubnets group that does not exist", "case:DataSubnets public", "case:Multi-AZ database in one AZ"],

        // TfeRedisOptions
        ["TfeRedisOptions.EncryptionKey"] = ["case:Redis EncryptionKey of another region"],
        ["TfeRedisOptions.NodeType"] = ["case:NodeType stray whitespace", "case:NodeType unknown family", "test:TfeRedisValidationTests.Fails_When_NodeType_Is_Not_A_Cache_Node_Type_REDIS_6"],
        ["TfeRedisOptions.EngineVersion"] = ["case:Redis version Of(null)", "case:Redis EngineVersion token", "test:TfeRedisValidationTests.Fails_When_EngineVersion_Is_Not_An_Exact_Supported_Version_REDIS_8"],
        ["TfeRedisOptions.SingleNodeSandbox"] = ["reason:a boolean: true is allowed for a sandbox and warns (@tfe/cdk:singleNodeCache)"],
        ["TfeRedisOptions.Port"] = ["case:Redis Port token", "test:TfeRedisValidationTests.Fails_When_Port_Is_Out_Of_Range_REDIS_7"],
        ["TfeRedisOptions.Authentication"] = ["case:Redis Authentication 42", "test:TfeRedisIamTests.Iam_Authentication_Fails_Below_Redis_7_REDIS_8", "test:TfeRedisIamTests.Iam_Authentication_Needs_A_Release_Whose_Docs_Cover_It_REDIS_7", "test:TfeRedisIamTests.Active_Active_Refuses_Iam_For_An_Old_Release_And_An_Old_Redis_At_Once_REDIS_7_REDIS_8"],
        ["TfeRedisOptions.AlarmTopic"] = ["reason:checked by the same code as the app tier's AlarmTopic (Inputs.CheckArn)", "case:AlarmTopic of another region"],

        // TfeRedisProps
        ["TfeRedisProps.Network"] = ["case:Redis Network null", "test:TfeRedisValidationTests.Fails_When_Data_Subnets_Are_Public_REDIS_7", "test:TfeRedisValidationTests.Fails_When_The_Data_Subnets_Do_Not_Give_2_To_6_Azs_Without_Sandbox_REDIS_3"],

        // TfeNetworkProps
        ["TfeNetworkProps.Vpc"] = ["test:TfeNetworkValidationTests.Fails_When_New_Vpc_Options_Are_Given_With_An_Existing_Vpc_NET_1", "reason:any IVpc; its subnets are checked by the tiers placed in it (Network.*Subnets cases)"],
        ["TfeNetworkProps.MaxAzs"] = ["case:MaxAzs token", "test:TfeNetworkValidationTests.Fails_When_A_New_Vpc_Spans_Fewer_Than_Two_Azs_DB_1"],
        ["TfeNetworkProps.NatGateways"] = ["case:NatGateways token", "case:NatGateways more than AZs", "test:TfeNetworkValidationTests.Fails_When_Nodes_Would_Have_No_Nat_Egress_NET_1"],
        ["TfeNetworkProps.CidrBlock"] = ["case:CidrBlock not a CIDR", "case:CidrBlock prefix too long", "case:CidrBlock too small for the subnets", "case:CidrBlock host bits set", "case:CidrBlock token"],
        ["TfeNetworkProps.PublicSubnets"] = ["test:TfeNetworkValidationTests.Fails_When_Subnet_Selections_Are_Given_For_A_New_Vpc_NET_1", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException"],
        ["TfeNetworkProps.PrivateSubnets"] = ["case:Nodes in public subnets", "case:Active/Active nodes in one AZ"],
        ["TfeNetworkProps.DataSubnets"] = ["case:DataSubnets group that does not exist", "case:DataSubnets public", "case:Multi-AZ database in one AZ"],
        ["TfeNetworkProps.S3GatewayEndpoint"] = ["reason:a boolean: false is allowed when the VPC has one, and warns (S3-2)"],
        ["TfeNetworkProps.InterfaceEndpoints"] = ["reason:a boolean: both values are valid choices"],
        ["TfeNetworkProps.FlowLogs"] = ["reason:a boolean: both values are valid choices"],
        ["TfeNetworkProps.FlowLogsEncryptionKey"] = ["case:FlowLogsEncryptionKey of another region", "case:FlowLogsEncryptionKey with an existing Vpc", "case:FlowLogsEncryptionKey with FlowLogs off"],

        ["TfeDeploymentPropsBase.NamePrefix"] = ["case:NamePrefix not a name", "case:NamePrefix 25 characters", "case:DisasterRecovery NamePrefix not the deployment's", "test:DayTwoTransitionTests.Operation_Does_To_A_Running_Deployment_What_The_Table_Says_DR_2", "test:DeployTimeValuesTests.A_Prop_That_Needs_Its_Literal_Refuses_A_Parameter_Saying_So_DB_1"],
        ["TfeDeploymentPropsBase.AdoptNames"] = ["case:AdoptNames identifier not an RDS identifier", "case:AdoptNames secret name blank", "case:AdoptNames without the library's password", "case:AdoptNames password name with the user's password", "test:AdoptNamesTests.Adopted_Names_Are_Not_Written_And_The_Standby_Reads_Them_DR_2"],
        ["TfeDeploymentPropsBase.DisasterRecovery"] = ["case:DisasterRecovery NamePrefix not a name", "test:TfeDrRegionValidationTests.Primary_Refuses_What_Would_Break_The_Pair_DR_2", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException", "case:DisasterRecovery NamePrefix not the deployment's", "case:BackupReplicationKeyArn an alias", "case:BackupReplicationKeyArn of the primary region", "case:BackupReplicationKeyArn on a warm standby"],

        // TfeDrStorageProps
        ["TfeDrStorageProps.DisasterRecovery"] = ["case:DrStorage DisasterRecovery null", "case:DisasterRecovery StandbyMode 42", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException"],
        ["TfeDrStorageProps.RemovalPolicy"] = ["case:DrStorage RemovalPolicy 42", "case:DrStorage RemovalPolicy SNAPSHOT", "reason:otherwise RETAIN (the default) or DESTROY, which warns (@tfe/cdk:destroyState)"],

        // TfeDrRegionProps (its node options are TfeAppTierOptions's, listed above, checked by the app tier's validator in the primary's mode)
        ["TfeDrRegionProps.DisasterRecovery"] = ["case:DrRegion DisasterRecovery null", "case:DrRegion NamePrefix of another pair", "test:TfeDrRegionValidationTests.Fails_With_The_Rule_Id", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException"],
        ["TfeDrRegionProps.Storage"] = ["case:DrRegion Storage null", "case:DrRegion NamePrefix of another pair", "test:TfeDrRegionValidationTests.Fails_With_The_Rule_Id"],
        ["TfeDrRegionProps.Primary"] = ["case:DrRegion Primary null", "test:TfeDrRegionValidationTests.Fails_With_The_Rule_Id"],
        ["TfeDrRegionProps.Promoted"] = ["test:TfeDrRegionValidationTests.Fails_With_The_Rule_Id", "reason:otherwise a boolean: both values are valid (the failover switch); a promoted cold standby without RestoreSource is refused (DR-3)"],
        ["TfeDrRegionProps.RestoreSource"] = ["case:DrRegion RestoreSource on a warm standby", "case:RestoreSource FromAutomatedBackups not an ARN", "case:RestoreSource FromSnapshot of the primary region", "test:InputMistakeTests.A_Cold_Standby_Accepts_Restore_Sources_RDS_Names_And_Warns_On_A_Token_DR_3", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException"],
        ["TfeDrRegionProps.Network"] = ["case:DrRegion Network and NetworkOptions", "reason:otherwise any ITfeNetwork of the DR region; its subnets are checked by the app tier's and data tier's validators (Network.*Subnets cases)"],
        ["TfeDrRegionProps.NetworkOptions"] = ["case:DrRegion Network and NetworkOptions", "reason:its own props are TfeNetworkProps's (listed below), checked by the TfeNetwork the standby defines"],
        ["TfeDrRegionProps.HostedZone"] = ["case:DrRegion HostedZone without a name", "test:TfeDrRegionValidationTests.Fails_With_The_Rule_Id"],
        ["TfeDrRegionProps.NodeCount"] = ["case:DrRegion NodeCount 6", "case:DrRegion NodeCount 0", "case:DrRegion NodeCount token", "case:DrRegion NodeCount 2 for a Standalone primary"],
        ["TfeDrRegionProps.Redis"] = ["case:DrRegion Redis and Cache", "case:DrRegion Redis for a Standalone primary", "case:DrRegion Redis NodeType not a cache type", "case:DrRegion Redis other than the primary's"],
        ["TfeDrRegionProps.Cache"] = ["case:DrRegion Redis and Cache", "test:TfeDrRegionValidationTests.Fails_With_The_Rule_Id"],
        ["TfeDrRegionProps.DrainTimeout"] = ["case:DrRegion DrainTimeout a minute", "case:DrRegion DrainTimeout token", "case:DrRegion DrainTimeout for a Standalone primary", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException"],
        ["TfeDrRegionProps.DatabaseInstanceType"] = ["case:DrRegion DatabaseInstanceType with db. prefix", "case:DrRegion DatabaseInstanceType too small"],
        ["TfeDrRegionProps.DatabaseEngineVersion"] = ["case:DrRegion DatabaseEngineVersion unsupported major", "case:DrRegion DatabaseEngineVersion not of its major", "case:DrRegion DatabaseEngineVersion unsupported by the TfeVersion", "case:DrRegion PostgreSQL major other than the primary's"],
        ["TfeDrRegionProps.DatabaseBackupRetention"] = ["case:DrRegion DatabaseBackupRetention zero", "case:DrRegion DatabaseBackupRetention 36 hours", "case:DrRegion DatabaseBackupRetention token in hours", "test:PropSweepTests.No_Bad_Value_Escapes_As_Anything_But_A_TfeValidationException"],

        // Factories
        ["TfeImageSource.FromEcr()"] = ["case:ImageSource FromEcr(null)", "case:ImageSource ECR name with upper case", "case:ImageSource ECR ARN of another service"],
        ["TfeImageSource.FromRegistry()"] = ["case:ImageSource registry blank", "case:ImageSource registry with a tag", "case:ImageSource credentials null", "case:ImageSource credentials of another region", "case:ImageSource credentials without a password", "case:ImageSource credentials a generated string"],
        ["TfeNodeCertificate.FromSecret()"] = ["case:NodeCertificate FromSecret(null)"],
        ["TfeLogForwarding.ToCloudWatchLogs()"] = ["case:LogForwarding log group of another region", "reason:null (the default) defines a log group; any other log group of the stack's region is accepted (its encryption key is the key policy's business, docs/monitoring.md)"],
        ["TfeLogForwarding.ToS3()"] = ["case:LogForwarding bucket of another region", "case:LogForwarding prefix with a .. segment", "case:LogForwarding prefix with a leading /", "case:LogForwarding prefix with a Fluent Bit variable", "case:LogForwarding prefix empty", "case:LogForwarding prefix token"],
        ["TfeDrRestoreSource.FromAutomatedBackups()"] = ["case:RestoreSource FromAutomatedBackups(null)", "case:RestoreSource FromAutomatedBackups blank", "case:RestoreSource FromAutomatedBackups not an ARN", "case:RestoreSource FromAutomatedBackups of the primary region"],
        ["TfeDrRestoreSource.FromSnapshot()"] = ["case:RestoreSource FromSnapshot(null)", "case:RestoreSource FromSnapshot not an identifier", "case:RestoreSource FromSnapshot of the primary region", "case:RestoreSource FromSnapshot ARN of another service"],
        ["TfeRedisVersion.Of()"] = ["case:Redis version Of(null)", "case:Redis EngineVersion token", "test:TfeRedisValidationTests.Fails_When_EngineVersion_Is_Not_An_Exact_Supported_Version_REDIS_8"],
    };
}
