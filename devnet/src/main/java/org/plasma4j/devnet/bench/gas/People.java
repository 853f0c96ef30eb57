package org.plasma4j.devnet.bench.gas;

/** The dev accounts that play the users of every scenario (accounts 0 and 1 deploy and operate). */
final class People {

  static final Actor ALICE = Actor.dev("alice", 2);
  static final Actor BOB = Actor.dev("bob", 3);
  static final Actor CAROL = Actor.dev("carol", 4);
  static final Actor DAVE = Actor.dev("dave", 5);
  /** Calls processExits and finalizations: a funded account with no other part. */
  static final Actor PROCESSOR = Actor.dev("processor", 6);
  /** Funds the vault where exits of child-block outputs need backing. */
  static final Actor FUNDER = Actor.dev("funder", 7);

  private People() {}
}
