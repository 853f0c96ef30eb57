package org.plasma4j.node.rpc;

import java.util.List;
import org.plasma4j.api.WireName;
import org.plasma4j.node.supervision.Supervisor;
import org.plasma4j.node.supervision.TaskHealth;

/**
 * plasma_getHealth / watcher_getHealth [] → {healthy, tasks: [{task, runs, failures,
 * consecutiveFailures, lastSuccessMillis, lastFailureMillis, lastError}]}: how each background task
 * of the node fares; {@code healthy} is false while any task's latest run failed. For monitoring.
 */
public final class GetHealth implements JsonRpcMethod {

  public record Result(boolean healthy, List<TaskHealth> tasks) {}

  private final WireName name;
  private final Supervisor supervisor;

  public GetHealth(WireName name, Supervisor supervisor) {
    this.name = name;
    this.supervisor = supervisor;
  }

  @Override
  public WireName method() {
    return name;
  }

  @Override
  public Result execute(Params params) {
    params.requireCount(0);
    List<TaskHealth> tasks = supervisor.health();
    return new Result(tasks.stream().allMatch(TaskHealth::healthy), tasks);
  }
}
