namespace Command.Silo.Cluster;

/// <summary>What travels on the cluster feed.</summary>
public static class FeedKinds
{
    public const string Incident = "incident";
    public const string IncidentPhone = "incident-phone";
    public const string CaseFact = "case-fact";
    public const string Escalation = "escalation";
    public const string Team = "team";
    public const string Credential = "credential";
    public const string CloseConnections = "close-connections";
    public const string SignInFailure = "sign-in-failure";
    public const string FollowUp = "follow-up";
    public const string Dispute = "dispute";
}
