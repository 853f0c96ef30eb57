// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {World} from "./World.sol";
import {HonestUsers, HostileOperator, Attacker, Watcher} from "./Handlers.sol";

/// @notice One deployment of the framework with the standard, in-flight, mass and cash games, driven by
///         honest users, a hostile operator, an attacker and a watcher. Each contract below states one
///         promise; forge runs each as its own campaign.
abstract contract PlasmaWorldInvariants is Test {
    World internal world;
    HonestUsers internal users;
    HostileOperator internal operatorHandler;
    Attacker internal attacker;
    Watcher internal watcherHandler;

    function setUp() public virtual {
        world = new World();
        users = new HonestUsers(world);
        operatorHandler = new HostileOperator(world);
        attacker = new Attacker(world);
        watcherHandler = new Watcher(world);
        world.populate();
    }

    /// @dev Read by forge: only the handlers are fuzzed.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](4);
        targets[0] = address(users);
        targets[1] = address(operatorHandler);
        targets[2] = address(attacker);
        targets[3] = address(watcherHandler);
    }

    function _label(uint8 tok) internal pure returns (string memory) {
        return ["ETH", "plain token", "fee-on-transfer token", "pausable token", "blocklist token", "no-return token"][tok];
    }
}

/// @notice Every promise, checked after every call of one campaign: each promise sees every call sequence
///         the fuzzer makes, at a sixth of the cost of one campaign per promise (forge runs a campaign per
///         invariant function). The failure message names the promise broken. After each run the honest side
///         settles everything (`afterInvariant`) and the promises that speak of the end are checked.
/// @dev The build runs it with a pinned seed (contracts/pom.xml); runs and depth are set here.
contract PlasmaPromisesInvariantTest is PlasmaWorldInvariants {
    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 64
    function invariant_everyPromiseHolds() public {
        _honestExitsStartedInTimeArePaidInFull();
        _assertEntitled("");
        _holdingsCoverOutstandingHonestClaims();
        _assertNoRevert("while the world ran");
        _bondsAreHeldOrPaid();
        _rightfulOwnerCanExitOrChallengeTheirCoin();
        _noProcessedLeafIsPaidAgainInFlight("");
    }

    /// @notice A batch pays its leaves once: an in-flight exit that spends a leaf of a batch processed before
    ///         it started is never found canonical (its outputs would be paid from the vault a second time).
    function _noProcessedLeafIsPaidAgainInFlight(string memory when) internal view {
        (bool spent, uint256 ifeId) = world.paidLeafSpentCanonically();
        if (spent) {
            revert AssertionFailed(
                string.concat(when, "in-flight exit ", vm.toString(ifeId), " found canonical spends a processed batch's leaf")
            );
        }
    }

    /// @notice An honest output in a valid block, exited (by standard, in-flight or mass exit, or as a coin)
    ///         before any invalid block or within MEP of it, is paid in full: while the world runs, every claim
    ///         the contracts settled was paid or credited.
    function _honestExitsStartedInTimeArePaidInFull() internal view {
        (bool short, address who, uint8 tok, uint256 got, uint256 due) = world.honestSettledShortfall();
        if (short) revert AssertionFailed(_shortfall("settled claim unpaid: ", who, tok, got, due));
    }

    /// @notice The vault and the mass exit game always hold what the open honest claims and credits on them
    ///         need, and the cash game always holds every honest owner's coins.
    function _holdingsCoverOutstandingHonestClaims() internal view {
        (bool gap, uint8 tok, uint256 held, uint256 due) = world.coverageGap();
        if (gap) {
            revert AssertionFailed(
                string.concat("holds ", vm.toString(held), " of ", _label(tok), " against open honest claims of ", vm.toString(due))
            );
        }
    }

    /// @notice Bonds are conserved: the cash game holds exactly the bonds of pending claims and open
    ///         challenges plus those it credited, a challenge's bond goes only to the challenger who
    ///         committed to it (a copied reveal is refused), and settling an in-flight exit pays each of its
    ///         bonds once, whatever a payee's hook does during it.
    function _bondsAreHeldOrPaid() internal view {
        if (world.frontRunAccepted()) revert AssertionFailed("a copied challenge reveal without commitment was paid");
        if (world.settlementOverpaid()) revert AssertionFailed("an in-flight exit's settlement paid a bond twice");
        _vaultBondsHeldApart("");
        (bool off, uint8 tok, uint256 held, uint256 accounted) = world.cashBondsImbalance();
        if (off) {
            revert AssertionFailed(
                string.concat("cash game holds ", vm.toString(held), " of ", _label(tok), ", accounts for ", vm.toString(accounted))
            );
        }
    }

    /// @notice A coin's rightful owner can always exit it, or defeat within the period any claim someone
    ///         else has on it, whatever the claimant filed first.
    /// @notice The vault holds its bonds apart: `bondsHeld` is exactly the bonds of open exits, pending batches
    ///         and standing piggybacks, and the vault's ETH is at least its bonds plus its ETH credits, so no exit
    ///         payout ever took a bond.
    function _vaultBondsHeldApart(string memory when) internal view {
        (bool off, uint256 held, uint256 accounted, uint256 balance, uint256 credited) = world.vaultBondsImbalance();
        if (off) {
            revert AssertionFailed(
                string.concat(
                    when, "vault bonds held ", vm.toString(held), ", exits hold ", vm.toString(accounted), "; ETH ",
                    vm.toString(balance), " against credits ", vm.toString(credited)
                )
            );
        }
    }

    function _rightfulOwnerCanExitOrChallengeTheirCoin() internal {
        (bool locked, uint64 slot, uint8 why) = world.coinOwnerLockedOut();
        if (locked) {
            string[5] memory reasons =
                ["", "exited to someone else", "cannot start an exit", "cannot challenge a false exit", "cannot challenge a false checkpoint"];
            revert AssertionFailed(string.concat("owner of coin ", vm.toString(uint256(slot)), " ", reasons[why]));
        }
    }

    /// @notice At the end of each run the honest side settles everything (tokens resume, 6 MEP pass with the
    ///         watcher at every maturity, everything is withdrawn). Then every honest account and the watcher
    ///         hold what the books say, bonds included; the attacker's side still holds no more than it is
    ///         entitled to; processExits never reverted and a bounded number of calls emptied every queue; no
    ///         bond stays locked anywhere.
    function afterInvariant() public {
        world.settle();
        (bool short, address who, uint8 tok, uint256 got, uint256 due) = world.honestShortfall();
        if (short) revert AssertionFailed(_shortfall("after settling: ", who, tok, got, due));
        _assertEntitled("after settling: ");
        _assertNoRevert("while settling");
        if (world.queueStuck()) {
            revert AssertionFailed(string.concat("queue not emptied: ", vm.toString(uint256(uint160(world.queueStuckToken())))));
        }
        _vaultBondsHeldApart("after settling: ");
        _noProcessedLeafIsPaidAgainInFlight("after settling: ");
        if (world.fw().bondsHeld() != 0) revert AssertionFailed("after settling: the vault still holds bonds");
        (uint8 what, uint256 id) = world.bondStillHeld();
        if (what != 0) {
            string[7] memory kinds =
                ["", "standard exit", "in-flight exit", "mass exit batch", "coin claim", "credited bond of", "forfeit of coin"];
            revert AssertionFailed(string.concat("bond still held after settling by ", kinds[what], " ", vm.toString(id)));
        }
    }

    function _shortfall(string memory when, address who, uint8 tok, uint256 got, uint256 due)
        internal
        pure
        returns (string memory)
    {
        return string.concat(
            when, vm.toString(uint256(uint160(who))), " got ", vm.toString(got), " of ", vm.toString(due), " ", _label(tok)
        );
    }

    function _assertEntitled(string memory when) internal view {
        (bool excess, uint8 tok, uint256 got, uint256 entitled) = world.coalitionExcess();
        if (excess) {
            revert AssertionFailed(
                string.concat(when, "attacker side got ", vm.toString(got), " of ", _label(tok), ", entitled to ", vm.toString(entitled))
            );
        }
    }

    function _assertNoRevert(string memory when) internal view {
        if (world.processReverted()) {
            revert AssertionFailed(
                string.concat(
                    "processExits reverted ", when, " on token ", vm.toString(uint256(uint160(world.processRevertedToken())))
                )
            );
        }
    }
}
