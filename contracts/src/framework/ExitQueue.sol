// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title ExitQueue
/// @notice One min-heap of exits per token, shared by every exit game (standard exits now; in-flight
///         exits and other games later), so all exits of a token are paid strictly in priority order.
/// @dev An entry is a single uint256, `exitableAt (64) ‖ position (64) ‖ kind (8) ‖ id (120)`, so
///      ordering by value orders by exitable time, then by position (older first), then by game.
abstract contract ExitQueue {
    /// @notice Kind of a standard exit entry (the exit record is keyed by position).
    uint8 internal constant EXIT_KIND_STANDARD = 0;

    mapping(address token => uint256[] heap) private _queues;

    /// @notice Number of exits (including challenged ones not yet popped) queued for `token`.
    function exitQueueLength(address token) external view returns (uint256) {
        return _queues[token].length;
    }

    /// @notice The head of `token`'s queue, or zeros if it is empty.
    function nextExit(address token) external view returns (uint256 position, uint256 exitableAt) {
        uint256[] storage heap = _queues[token];
        if (heap.length == 0) return (0, 0);
        uint256 entry = heap[0];
        return (_entryPosition(entry), _entryExitableAt(entry));
    }

    function _encodeEntry(uint256 exitableAt, uint256 position, uint8 kind, uint256 id) internal pure returns (uint256) {
        return (exitableAt << 192) | (position << 128) | (uint256(kind) << 120) | uint120(id);
    }

    function _entryExitableAt(uint256 entry) internal pure returns (uint256) {
        return entry >> 192;
    }

    function _entryPosition(uint256 entry) internal pure returns (uint256) {
        return uint64(entry >> 128);
    }

    function _entryKind(uint256 entry) internal pure returns (uint8) {
        return uint8(entry >> 120);
    }

    function _entryId(uint256 entry) internal pure returns (uint256) {
        return uint120(entry);
    }

    function _enqueue(address token, uint256 entry) internal {
        uint256[] storage heap = _queues[token];
        uint256 i = heap.length;
        heap.push(entry);
        // sift up
        while (i != 0) {
            uint256 parent = (i - 1) >> 1;
            uint256 p = heap[parent];
            if (p <= entry) break;
            heap[i] = p;
            i = parent;
        }
        heap[i] = entry;
    }

    /// @dev Returns the head without removing it; `ok` is false when the queue is empty.
    function _peek(address token) internal view returns (bool ok, uint256 entry) {
        uint256[] storage heap = _queues[token];
        if (heap.length == 0) return (false, 0);
        return (true, heap[0]);
    }

    /// @dev Removes the head; the caller has checked the queue is not empty.
    function _dequeue(address token) internal {
        uint256[] storage heap = _queues[token];
        uint256 last = heap[heap.length - 1];
        heap.pop();
        uint256 n = heap.length;
        if (n == 0) return;
        // sift the former last entry down from the root
        uint256 i = 0;
        while (true) {
            uint256 child = 2 * i + 1;
            if (child >= n) break;
            uint256 c = heap[child];
            if (child + 1 < n) {
                uint256 r = heap[child + 1];
                if (r < c) {
                    c = r;
                    ++child;
                }
            }
            if (last <= c) break;
            heap[i] = c;
            i = child;
        }
        heap[i] = last;
    }
}
