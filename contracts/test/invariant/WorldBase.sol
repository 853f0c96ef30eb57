// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {PausableToken, BlocklistToken, NoReturnToken, CallbackToken} from "../utils/OddTokens.sol";
import {FeeOnTransferToken} from "../../src/mocks/FeeOnTransferToken.sol";
import {DevToken} from "../../src/DevToken.sol";
import {PlasmaFramework} from "../../src/PlasmaFramework.sol";
import {InFlightExitGame} from "../../src/games/InFlightExitGame.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {CashExitGame} from "../../src/games/CashExitGame.sol";
import {IPlasmaFramework} from "../../src/interfaces/IPlasmaFramework.sol";

/// @dev Every test token mints openly; approve is declared without a return value so that it can be called
///      on the token that returns nothing as well.
interface IOddToken {
    function mint(address to, uint256 amount) external;
    function approve(address spender, uint256 amount) external;
    function balanceOf(address account) external view returns (uint256);
}

/// @notice Cheatcodes the invariant world needs beyond test/utils/Test.sol.
interface VmState {
    function snapshotState() external returns (uint256);
    function revertToState(uint256 id) external returns (bool);
}

/// @notice A contract the attacker controls: it can act in several calls within one transaction (start an
///         exit and challenge it in the same transaction, before anyone else can), it receives ETH, and as
///         the attacker's registered token hook it makes calls armed beforehand when a transfer hands it
///         control (a payout of a callback token).
contract Accomplice {
    error StepFailed(uint256 step, bytes reason);

    struct Step {
        address target;
        uint256 value;
        bytes data;
    }

    Step[] internal _onReceive;

    function run(Step[] calldata steps) external payable {
        for (uint256 i = 0; i < steps.length; ++i) {
            (bool ok, bytes memory ret) = steps[i].target.call{value: steps[i].value}(steps[i].data);
            if (!ok) revert StepFailed(i, ret);
        }
    }

    /// @dev The calls the next transfer to the attacker makes from inside that transfer.
    function armOnReceive(Step[] calldata steps) external {
        delete _onReceive;
        for (uint256 i = 0; i < steps.length; ++i) _onReceive.push(steps[i]);
    }

    /// @dev Runs the armed calls once; a refused call is ignored, so that the transfer (the payout) goes on.
    function tokensReceived(address, address, uint256) external {
        Step[] memory steps = _onReceive;
        if (steps.length == 0) return;
        delete _onReceive;
        for (uint256 i = 0; i < steps.length; ++i) {
            (bool ok,) = steps[i].target.call{value: steps[i].value}(steps[i].data);
            ok;
        }
    }

    receive() external payable {}
}

/// @notice One deployment of the framework with all its games, the people who use it, the tokens they use,
///         the clock, and the ghost books the invariants are checked against.
/// @dev The books are the test's own model of who owns what on a valid child chain, kept independently of
///      the contracts: `ledger` is what each account validly owns, `owed` what an honest account must
///      receive from the exits it started in time, `owedBonds` the bonds due back to honest accounts and
///      the watcher. Balances actually received are measured from token and ETH balances.
abstract contract WorldBase is Test {
    uint256 internal constant MEP = 1 days;
    uint256 internal constant EXIT_BOND = 0.1 ether;
    uint256 internal constant EXIT_BOUNTY = 0.01 ether;
    uint256 internal constant IFE_BOND = 0.05 ether;
    uint256 internal constant PB_BOND = 0.02 ether;
    uint256 internal constant PB_BOUNTY = 0.005 ether;
    uint256 internal constant MASS_BOND = 0.001 ether;
    uint256 internal constant MASS_BOUNTY = 0.0001 ether;
    uint256 internal constant COIN_EXIT_BOND = 0.01 ether;
    uint256 internal constant COIN_CHALLENGE_BOND = 0.01 ether;
    uint256 internal constant CHECKPOINT_BOND = 0.01 ether;

    uint8 internal constant ETH = 0;
    uint8 internal constant PLAIN = 1;
    uint8 internal constant FEE = 2;
    uint8 internal constant PAUSABLE = 3;
    uint8 internal constant BLOCKLIST = 4;
    uint8 internal constant NO_RETURN = 5;
    uint8 internal constant TOKENS = 6;

    VmState internal constant vmState = VmState(address(uint160(uint256(keccak256("hevm cheat code")))));

    PlasmaFramework public fw;
    InFlightExitGame public ife;
    MassExitGame public mass;
    CashExitGame public cash;
    address[TOKENS] public tokens;
    /// @notice A token that calls its recipients' hooks (ERC-777-like); the attacker's own, outside the books.
    CallbackToken public callbackToken;

    address[3] public honest;
    uint256[3] internal _honestKeys;
    address public mallory;
    uint256 internal _malloryKey;
    address public operator;
    address public watcher;
    Accomplice public accomplice;

    /// @dev Forge restores time and block number before every handler call, so the world keeps its own.
    uint256 public clock;
    uint256 public height;

    // ---- measured flows ----
    mapping(address account => mapping(uint8 tok => uint256)) public funded;
    mapping(address account => mapping(uint8 tok => uint256)) public contributed;

    // ---- the books ----
    /// @notice Value each account validly owns on the child chain (deposits, plus valid payments in, minus out).
    mapping(address account => mapping(uint8 tok => uint256)) public ledger;
    /// @notice Value of the coins each account validly owns (Plasma Cash).
    mapping(address account => mapping(uint8 tok => uint256)) public coinLedger;
    /// @notice What an honest account must receive from claims it made in time, less what the token itself
    ///         may take in transit.
    mapping(address account => mapping(uint8 tok => uint256)) public owed;
    /// @notice ETH bonds (less bounties) that must come back to an honest account or the watcher.
    mapping(address account => uint256) public owedBonds;
    /// @notice Bonds the attacker's side posted, and every processing bounty anyone could earn.
    uint256 public coalitionBonds;
    uint256 public bountyPool;

    // ---- what went wrong while the world ran ----
    bool public processReverted;
    address public processRevertedToken;
    bytes public processRevertData;

    uint256 internal _nonce;

    constructor() {
        clock = 1_700_000_000;
        height = 100;
        _sync();
        (honest[0], _honestKeys[0]) = makeAddrAndKey("alice");
        (honest[1], _honestKeys[1]) = makeAddrAndKey("bob");
        (honest[2], _honestKeys[2]) = makeAddrAndKey("carol");
        (mallory, _malloryKey) = makeAddrAndKey("mallory");
        operator = makeAddr("operator");
        watcher = makeAddr("watcher");
        accomplice = new Accomplice();
        vm.label(address(accomplice), "accomplice");

        fw = new PlasmaFramework(operator, MEP, EXIT_BOND, EXIT_BOUNTY);
        ife = new InFlightExitGame(IPlasmaFramework(address(fw)), IFE_BOND, PB_BOND, PB_BOUNTY);
        mass = new MassExitGame(IPlasmaFramework(address(fw)), MASS_BOND, MASS_BOUNTY);
        cash = new CashExitGame(IPlasmaFramework(address(fw)), COIN_EXIT_BOND, COIN_CHALLENGE_BOND, CHECKPOINT_BOND);
        fw.registerExitGames(address(ife), address(mass), address(cash));
        vm.label(address(fw), "framework");
        vm.label(address(mass), "massExitGame");
        vm.label(address(ife), "inFlightExitGame");
        vm.label(address(cash), "cashExitGame");

        tokens[PLAIN] = address(new DevToken("Plain", "PLAIN"));
        tokens[FEE] = address(new FeeOnTransferToken());
        tokens[PAUSABLE] = address(new PausableToken());
        tokens[BLOCKLIST] = address(new BlocklistToken());
        tokens[NO_RETURN] = address(new NoReturnToken());
        vm.label(tokens[PLAIN], "plainToken");
        vm.label(tokens[FEE], "feeToken");
        vm.label(tokens[PAUSABLE], "pausableToken");
        vm.label(tokens[BLOCKLIST], "blocklistToken");
        vm.label(tokens[NO_RETURN], "noReturnToken");
        callbackToken = new CallbackToken();
        vm.label(address(callbackToken), "callbackToken");
    }

    // ------------------------------------------------------------------ clock

    modifier synced() {
        _sync();
        _;
    }

    function _sync() internal {
        vm.warp(clock);
        vm.roll(height);
    }

    /// @dev A new root-chain block (commit-reveal needs one between commitment and reveal).
    function _mine() internal {
        ++height;
        vm.roll(height);
    }

    function _warpTo(uint256 t) internal {
        if (t > clock) clock = t;
        vm.warp(clock);
        _mine();
    }

    // ------------------------------------------------------------------ accounts

    function isHonest(address a) public view returns (bool) {
        return a == honest[0] || a == honest[1] || a == honest[2];
    }

    function isCoalition(address a) public view returns (bool) {
        return a == mallory || a == operator || a == address(accomplice);
    }

    function _keyOf(address a) internal view returns (uint256) {
        if (a == honest[0]) return _honestKeys[0];
        if (a == honest[1]) return _honestKeys[1];
        if (a == honest[2]) return _honestKeys[2];
        if (a == mallory) return _malloryKey;
        return 0;
    }

    function balanceOf(address a, uint8 tok) public view returns (uint256) {
        if (tok == ETH) return a.balance;
        return IOddToken(tokens[tok]).balanceOf(a);
    }

    /// @notice What `a` got out of the system in `tok`: its balance, plus what it put in, less what the test
    ///         gave it.
    function received(address a, uint8 tok) public view returns (uint256) {
        return balanceOf(a, tok) + contributed[a][tok] - funded[a][tok];
    }

    /// @dev Gives `a` `amount` of `tok`; a paused or blocking token may refuse to mint.
    function _fund(address a, uint8 tok, uint256 amount) internal {
        if (amount == 0) return;
        if (tok == ETH) {
            vm.deal(a, a.balance + amount);
        } else {
            (bool ok,) = tokens[tok].call(abi.encodeCall(IOddToken.mint, (a, amount)));
            if (!ok) return;
        }
        funded[a][tok] += amount;
    }

    /// @dev Calls `target` as `actor` with `value` wei (given to it first), and books what left the actor's
    ///      balance, in ETH and in `tok`, as contributed.
    function _act(address actor, address target, uint256 value, uint8 tok, bytes memory data)
        internal
        returns (bool ok, bytes memory ret)
    {
        if (actor.balance < value) _fund(actor, ETH, value - actor.balance);
        uint256 ethBefore = actor.balance;
        uint256 tokBefore = tok == ETH ? 0 : balanceOf(actor, tok);
        vm.prank(actor);
        (ok, ret) = target.call{value: value}(data);
        uint256 ethAfter = actor.balance;
        if (ethAfter < ethBefore) contributed[actor][ETH] += ethBefore - ethAfter;
        if (tok != ETH) {
            uint256 tokAfter = balanceOf(actor, tok);
            if (tokAfter < tokBefore) contributed[actor][tok] += tokBefore - tokAfter;
        }
    }

    /// @dev The least an honest payee receives of `amount`: the fee token keeps 1% of every hop, and a payout
    ///      may take two hops (vault to mass exit game to owner).
    function _net(uint8 tok, uint256 amount) internal pure returns (uint256) {
        if (tok != FEE) return amount;
        uint256 fee = amount / 100 + 1;
        return amount > 2 * fee ? amount - 2 * fee : 0;
    }

    // ------------------------------------------------------------------ chain helpers

    function _node(bytes32 l, bytes32 r) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x01), l, r));
    }

    function _leaf(bytes memory txBytes) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x00), txBytes));
    }

    /// @dev Root of a depth-16 tree over `txs`, and the 512-byte proof of every leaf.
    function _tree(bytes[] memory txs) internal pure returns (bytes32 root, bytes[] memory proofs) {
        uint256 n = txs.length;
        proofs = new bytes[](n);
        bytes32[] memory level = new bytes32[](n);
        uint256[] memory idx = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            level[i] = _leaf(txs[i]);
            idx[i] = i;
        }
        bytes32 zero = keccak256(abi.encodePacked(bytes1(0x00)));
        for (uint256 d = 0; d < 16; ++d) {
            for (uint256 i = 0; i < n; ++i) {
                uint256 sib = idx[i] ^ 1;
                proofs[i] = abi.encodePacked(proofs[i], sib < level.length ? level[sib] : zero);
                idx[i] >>= 1;
            }
            bytes32[] memory next = new bytes32[]((level.length + 1) / 2);
            for (uint256 i = 0; i < next.length; ++i) {
                bytes32 r = 2 * i + 1 < level.length ? level[2 * i + 1] : zero;
                next[i] = _node(level[2 * i], r);
            }
            level = next;
            zero = _node(zero, zero);
        }
        root = level.length == 0 ? zero : level[0];
    }

    function _zeroProof() internal pure returns (bytes memory proof) {
        bytes32 z = keccak256(abi.encodePacked(bytes1(0x00)));
        for (uint256 i = 0; i < 16; ++i) {
            proof = abi.encodePacked(proof, z);
            z = _node(z, z);
        }
    }

    function _emptyRoot() internal pure returns (bytes32 z) {
        z = keccak256(abi.encodePacked(bytes1(0x00)));
        for (uint256 i = 0; i < 16; ++i) z = _node(z, z);
    }

    function _sig(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _signTx(address signer, bytes memory txBytes) internal view returns (bytes memory) {
        return _sig(_keyOf(signer), fw.txDigest(txBytes));
    }

    /// @dev A fresh 32-byte metadata, so that no two transactions of the test are byte-identical.
    function _meta() internal returns (bytes32) {
        return bytes32(++_nonce);
    }

    /// @dev Commits `commitment` as `who` and mines a block, so that a reveal may follow.
    function _commit(address who, bytes32 commitment) internal returns (bool ok) {
        vm.prank(who);
        (ok,) = address(fw).call(abi.encodeCall(fw.commitChallenge, (commitment)));
        _mine();
    }
}
