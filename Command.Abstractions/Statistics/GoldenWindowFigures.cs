namespace Command.Abstractions.Statistics;

/// <summary>Mass incidents (群体性事件) received in the period, the golden-window milestones they opened, and how many of
/// those milestones were ever breached (a breach met late still counts).</summary>
public sealed record GoldenWindowFigures(int MassIncidents, int Milestones, int Breaches);
