-- Token bucket (GCRA) and leaky bucket: read, refill, decide and write in one atomic step.
--
-- State: one hash per limit and key, t = Redis time of the last write in microseconds,
-- b = backlog in nanoseconds (how long until the bucket is full again). A full bucket has no
-- key at all. Every value stays below 2^53, so Lua's doubles hold them exactly.
--
-- KEYS[1]  the bucket's key
-- ARGV[1]  acquire | peek | charge | refund
-- ARGV[2]  nanoseconds: the cost of the permits asked for, or of the adjustment
-- ARGV[3]  tau: nanoseconds that refill the whole capacity
-- ARGV[4]  the largest backlog a debt may reach
-- ARGV[5]  the longest backlog a caller may wait behind (tau for a token bucket)
--
-- Returns {allowed (1 or 0), backlog before, backlog after}.
local key = KEYS[1]
local op = ARGV[1]
local amount = tonumber(ARGV[2])
local tau = tonumber(ARGV[3])
local horizon = tonumber(ARGV[4])
local max_wait = tonumber(ARGV[5])

local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local state = redis.call('HMGET', key, 't', 'b')
local backlog = 0
if state[1] then
    -- A clock that stepped back refills nothing rather than a negative amount.
    local elapsed = math.max(now - tonumber(state[1]), 0) * 1000
    backlog = math.max(tonumber(state[2]) - elapsed, 0)
end

local after
if op == 'acquire' then
    after = backlog + amount
    if after > tau or backlog > max_wait then
        return {0, backlog, after}
    end
elseif op == 'charge' then
    after = math.min(backlog + amount, horizon)
elseif op == 'refund' then
    after = math.max(backlog - amount, 0)
else
    return {1, backlog, backlog}
end

if after <= 0 then
    redis.call('DEL', key)
else
    redis.call('HSET', key, 't', string.format('%.0f', now), 'b', string.format('%.0f', after))
    -- Expire when the bucket is full again, but never sooner than one second.
    redis.call('PEXPIRE', key, math.max(1000, math.ceil(after / 1000000)))
end
return {1, backlog, after}
