namespace Command.Silo.Statistics;

/// <summary>A case fact with its jurisdiction resolved to a <see cref="JurisdictionTree"/> index once, when stored.</summary>
public sealed record CaseEntry(CaseFact Fact, int Place);
