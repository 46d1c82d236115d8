namespace Cluster.Actors.Users;

/// <summary>A read of a user's state, answered by <see cref="UserDecider.Query"/>; never changes anything.</summary>
public interface IUserQuery;
